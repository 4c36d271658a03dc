-- Unit search. Every unit carries a search key in plain Latin words: its English name lower-cased, then its Hindi
-- name transliterated, as ' word word … ' (letters and digits only, one space between words and at both ends). A
-- Devanagari query is transliterated the same way, so "Sambhal", "sambal" and "संभल" meet, and a Latin query also
-- reaches spellings only the Hindi name has. Latin keys keep pg_trgm independent of the database locale: under the C
-- locale it sees no letters in Devanagari.
--
-- A search is two steps. Each query word is matched, fuzzily, against the dictionary of every word in any key
-- (search_words: a few lakh rows at most, trigram index): "sambal" → sambhal, sambhalpur. Then units are found whose
-- key holds one of those words exactly, with the trigram index on the key: LIKE '% sambhal %' needs all the word's
-- trigrams, padding included, so it selects precisely (the word-similarity operator on whole keys lets through
-- tens of thousands of keys that share a few common trigrams, at ~20 µs each to recheck).

-- Devanagari → Latin, as people spell Indian place names in English: inherent "a" after a consonant unless a vowel
-- sign, virama or the end of the word follows; the "a" dropped in the middle of a word where Hindi drops it (V C a C V:
-- रामपुर → rampur, बहजोई → bahjoi); anusvara as m before p/ph/b/bh/m, else n (संभल → sambhal, चंदौसी → chandausi);
-- long and short vowels alike (ā, ī, ū → a, i, u). Text without Devanagari is only lower-cased. Pure SQL with no
-- STRICT mark, so the planner can inline it. Uppercase letters are placeholders for aspirates: K → kh, B → bh …
create function setu_search_text(s text) returns text language sql immutable parallel safe as $$
  select case when s !~ '[\u0900-\u097F]' then translate(lower(s), 'āīūṛṝḷṅñṭḍṇśṣḥṃēōĀĪŪṚṜḶṄÑṬḌṆŚṢḤṂĒŌ', 'aiurrlnntdnsshmeoaiurrlnntdnsshmeo')
    else lower(regexp_replace(
    replace(replace(replace(
      translate(
        regexp_replace(
          regexp_replace(
            regexp_replace(
              -- nukta letters: ड़ → र, ढ़ → ऱ (read as rh); other nuktas are dropped (newspapers rarely write them)
              replace(replace(replace(
                translate(lower(s), U&'\0958\0959\095A\095B\095C\095D\095E\095F', U&'\0915\0916\0917\091C\0930\0931\092B\092F'),
                U&'\0921\093C', U&'\0930'), U&'\0922\093C', U&'\0931'), U&'\093C', ''),
              -- V C a C V: the consonant loses its "a" (marked with a virama)
              '([\u0900-\u094C\u094E-\u097F])([\u0915-\u0939])(?=[\u0915-\u0939][\u093E-\u094C\u0962\u0963\u0905-\u0914])',
              '\1\2' || U&'\094D', 'g'),
            -- the inherent "a": before a consonant, a vowel letter or a nasal sign; and after a word-final conjunct
            '([\u0915-\u0939])(?=[\u0915-\u0939\u0905-\u0914\u0901-\u0903])|(\u094D[\u0915-\u0939])(?![\u0900-\u097F])', '\1\2a', 'g'),
          '\u0902(?=[\u092A-\u092E])', 'm', 'g'),
        'अआइईउऊएऐओऔऋऑऍािीुूेैोौृॉॅंँःकखगघङचछजझञटठडढणतथदधनपफबभमयरलळवशषसहऱ।॥०१२३४५६७८९्ऽ',
        'aaiiuueैoौृoeaiiuueैoौृoennhkKgGnCCjJntTdDntTdDnpPbBmyrllvSSshR  0123456789'),
      'ै', 'ai'), 'ौ', 'au'), 'ृ', 'ri'),
    '([KGCJTDPBSR])', '\1h', 'g')) end
$$;

/* The words of a text as the search sees them: transliterated, lower case, letters and digits only. */
create function setu_search_words(s text) returns text[] language sql immutable parallel safe as $$
  select string_to_array(btrim(regexp_replace(setu_search_text(s), '[^a-z0-9]+', ' ', 'g')), ' ')
$$;

/* The search key of a unit's two names: ' english words hindi words '. */
create function setu_search_key(name_en text, name_hi text) returns text language sql immutable parallel safe as $$
  select ' ' || array_to_string(setu_search_words(name_en) || setu_search_words(name_hi), ' ') || ' '
$$;

-- A row trigger, so every writer (API, CSV import, SQL by hand) keeps the key right; it costs ~25 µs a row on
-- PostgreSQL. A move does not name the name columns, so it does not fire. The demo builder turns it off and writes
-- the same keys itself from a few thousand precomputed names.
create function units_search_key() returns trigger language plpgsql as $$
begin
  new.search_key := setu_search_key(new.name_en, new.name_hi);
  return new;
end $$;

alter table units add column search_key text;
create trigger units_search_key before insert or update of name_en, name_hi on units
  for each row execute function units_search_key();
-- The booth counters cannot change here: keep their trigger from reading every row twice.
alter table units disable trigger units_stats_upd;
update units set search_key = setu_search_key(name_en, name_hi);
alter table units enable trigger units_stats_upd;
alter table units alter column search_key set not null;
create index units_search_trgm on units using gin (search_key gin_trgm_ops);

-- Every word of every key, old ones included (a renamed unit's old words only find nothing).
create table search_words (word text primary key);
create index search_words_trgm on search_words using gin (word gin_trgm_ops);

-- Statement-level, so an import adds a batch's new words in one statement.
create function units_search_words_insert() returns trigger language plpgsql as $$
begin
  insert into search_words (word)
  select distinct w from new_rows, unnest(string_to_array(btrim(search_key), ' ')) w where w <> ''
  on conflict do nothing;
  return null;
end $$;

create function units_search_words_update() returns trigger language plpgsql as $$
begin
  insert into search_words (word)
  select distinct w from new_rows n join old_rows o on o.id = n.id, unnest(string_to_array(btrim(n.search_key), ' ')) w
  where n.search_key <> o.search_key and w <> ''
  on conflict do nothing;
  return null;
end $$;

create trigger units_search_words_ins after insert on units referencing new table as new_rows
  for each statement execute function units_search_words_insert();
create trigger units_search_words_upd after update on units referencing old table as old_rows new table as new_rows
  for each statement execute function units_search_words_update();

insert into search_words (word)
select distinct w from units, unnest(string_to_array(btrim(search_key), ' ')) w where w <> '';
