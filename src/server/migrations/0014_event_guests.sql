-- A guest: someone outside the event's audience and turf who checked in with a fresh QR code. The code proves they
-- were in the room, so they are counted and the organiser sees them marked as guests; it gives them no read of the
-- event (its page, minutes, photos), which an ordinary attendance row would.
alter table event_attendance add column guest boolean not null default false;
