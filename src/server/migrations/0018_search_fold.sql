-- Search keys that meet the ways people write Hindi names in Latin letters. The keys of 0004 were the names
-- transliterated, so "Deepak" (deepak) missed दीपक (dipak), "Aggarwal" missed अग्रवाल (agraval) and "Rajani" missed
-- रजनी (rajni): pg_trgm scores such pairs 0.3, under every threshold the searches use. Both sides are now folded to
-- one spelling before they are stored or compared, so the common variants become the same word and the trigram
-- index still finds them exactly ('% word %'); misspellings beyond the fold are left to pg_trgm as before.

-- One spelling for many (input: lower-case Latin words, one space between). In order:
--   au, ou, ow (not before a vowel) → o: Gautam/Gotam, Choudhary/Chaudhary/Chowdhury, Sourabh/Saurabh;
--   w → v, q → k, z → j (nuktas are dropped from Hindi), x → ks, ph → f, ck → k, chh → ch, sh → s (श, ष, स),
--   th → t (Kavitha/कविता, Amith);
--   ee → i, oo → u, then doubled letters made one: Deepak/Dipak, Poonam/Punam, Aggarwal/Agarwal;
--   final nh → ngh (सिंह is written Singh); final ore → or (Kishore/किशोर); final ey → e (Pandey/पांडे);
--   aya before a consonant → ai (Jayaswal/Jaiswal, Narayan/Narain); y not before a vowel → i (Choudhary/चौधरी);
--   e between a consonant and r + consonant → dropped (Verma/वर्मा);
--   a between two consonants → dropped: the inherent vowel that Hindi keeps or drops and Latin spellings write or
--   not (Rajani/रजनी, Agarwal/Agrawal/अग्रवाल). A leading a stays, and so does a final one: it tells Kamla from
--   Kamal and Sushila from Sushil, while Shiva still finds शिव (shiv) through pg_trgm, ranked below an exact match.
-- Pure SQL with no STRICT mark, so the planner can inline it.
create function setu_search_fold(s text) returns text language sql immutable parallel safe as $$
  select regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    -- Doubled letters made one, a replace per letter: a back-reference in a pattern costs ten times more.
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      replace(replace(
        replace(replace(replace(replace(replace(replace(translate(
          regexp_replace(s, 'au|ou|ow(?![aeiouy])', 'o', 'g'),
          'wqz', 'vkj'), 'x', 'ks'), 'ph', 'f'), 'ck', 'k'), 'chh', 'ch'), 'sh', 's'), 'th', 't'),
        'ee', 'i'), 'oo', 'u'),
    'aa', 'a'), 'bb', 'b'), 'cc', 'c'), 'dd', 'd'), 'ff', 'f'), 'gg', 'g'), 'hh', 'h'), 'ii', 'i'), 'jj', 'j'), 'kk', 'k'), 'll', 'l'), 'mm', 'm'), 'nn', 'n'), 'pp', 'p'), 'rr', 'r'), 'ss', 's'), 'tt', 't'), 'uu', 'u'), 'vv', 'v'), 'yy', 'y'),
    'nh\M', 'ngh', 'g'),
    'ore\M', 'or', 'g'),
    'ey\M', 'e', 'g'),
    'aya(?=[b-df-hj-np-tv-z])', 'ai', 'g'),
    'y(?![aeiou])', 'i', 'g'),
    '(?<=[b-df-hj-np-tv-z])e(?=r[b-df-hj-np-tv-z])', '', 'g'),
    '(?<=[b-df-hj-np-tv-z])a(?=[b-df-hj-np-tv-z])', '', 'g')
$$;

-- The words of a text as the search sees them: transliterated (ज्ञ as people say it, gy: ज्ञान is Gyan), letters and
-- digits only, folded. Every key (units, people) and every query goes through here.
create or replace function setu_search_words(s text) returns text[] language sql immutable parallel safe as $$
  select string_to_array(btrim(setu_search_fold(regexp_replace(setu_search_text(replace(s, 'ज्ञ', 'ग्य')), '[^a-z0-9]+', ' ', 'g'))), ' ')
$$;

-- Units: the keys again, as 0004 wrote them (the booth counters cannot change: their triggers stay off). The
-- dictionary is rebuilt from the new keys, so the old spellings do not take the places of the new ones.
alter table units disable trigger units_stats_upd, disable trigger units_coverage_upd, disable trigger units_group_stats_upd,
  disable trigger units_search_words_upd;
update units set search_key = setu_search_key(name_en, name_hi);
alter table units enable trigger units_stats_upd, enable trigger units_coverage_upd, enable trigger units_group_stats_upd,
  enable trigger units_search_words_upd;
delete from search_words;
insert into search_words (word)
select distinct w from units, unnest(string_to_array(btrim(search_key), ' ')) w where w <> '';

-- People: each changed key puts the person back in line for the duplicate finder (0015), which is what a new key needs.
update people set search_key = ' ' || array_to_string(setu_search_words(name), ' ') || ' '
where erased_at is null and search_key is distinct from ' ' || array_to_string(setu_search_words(name), ' ') || ' ';
