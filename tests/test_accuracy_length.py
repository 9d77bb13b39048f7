"""AC007 (length-mismatch) and the sentence alignment it reads: where a left-out sentence is placed."""

from __future__ import annotations

from cleanup import Checker, Config
from cleanup.analysis.bilingual import source_sentences

AC007 = Checker(Config(select=("AC007",)))


def flagged(tgt: str, src: str, lang: str = "de") -> list[tuple[str, str]]:
    return [(tgt[f.start : f.end], f.message) for f in AC007.check(tgt, source=src, source_lang=lang)]


def test_a_dateline_left_out_is_flagged_on_the_opening_sentence() -> None:
    src = (
        "Lyon. Die Stadtverwaltung hat am Dienstag neue Radwege angekündigt, die bis zum Herbst "
        "fertig sein sollen. Die Kosten trägt zum größten Teil die Region."
    )
    opening = "The city administration announced new cycle lanes on Tuesday, to be finished by autumn."
    rest = " Most of the cost is borne by the region."
    found = flagged(opening + rest, src)
    assert [text for text, _ in found] == [opening]
    assert "'Lyon.'" in found[0][1]
    # kept as a sentence of its own, or with a second word: nothing is missing
    assert flagged("Lyon. " + opening + rest, src) == []
    assert flagged("Bad Ems. " + opening + rest, "Bad Ems." + src[len("Lyon.") :]) == []


def test_a_short_opening_sentence_that_is_no_dateline_is_left_to_the_length_model() -> None:
    # three words, a question, a Chinese opening: none is a dateline
    tgt = "The city administration announced new cycle lanes on Tuesday, to be finished by autumn."
    assert flagged(tgt, "Was nun also? Die Stadt hat am Dienstag neue Radwege angekündigt, fertig im Herbst.") == []
    assert flagged(tgt, "Und nun? Die Stadt hat am Dienstag neue Radwege angekündigt, fertig im Herbst.") == []
    assert flagged(tgt, "里昂。市政府周二宣布了新的自行车道，将于秋季完工。", "zh") == []


def test_one_pair_of_very_different_lengths_is_no_omission_beside_an_addition() -> None:
    # the aligner prices the pair above a gap on each side; it is one pair, judged as one
    src = "Wer lange rastet, der rostet."
    tgt = "Those who stop moving, whether in body or in mind, will sooner or later find that they have grown rusty."
    found = flagged(tgt, src)
    assert [msg.split(":")[0] for _, msg in found] == ["Much longer than its source"]


def test_a_quotation_closed_with_a_german_quote_mark_ends_its_sentence() -> None:
    text = "Er sagte: „Wir sind müde.“ Am Sonntag spielt die Mannschaft."
    assert [text[a:b] for a, b in source_sentences(text)] == [
        "Er sagte: „Wir sind müde.“",
        "Am Sonntag spielt die Mannschaft.",
    ]


def test_a_sentence_left_out_among_short_ones_of_like_length_is_flagged_across_all_of_them() -> None:
    src = (
        "Nach dem Spiel sagte der Trainer: „Wir sind müde. Wir haben gekämpft. So ist der Sport.“ "
        "Am Sonntag spielt die Mannschaft in Graz gegen den Tabellenführer, der seit Wochen ungeschlagen ist."
    )
    quote = 'After the match the coach said: "We are tired. That is sport."'
    tgt = quote + " On Sunday the team plays in Graz against the league leaders, who have been unbeaten for weeks."
    # by their lengths, any of the three short sentences may be the one left out: the finding covers them all
    found = flagged(tgt, src)
    assert len(found) == 1
    assert found[0][0].startswith(quote)
    full = 'After the match the coach said: "We are tired. We fought. That is sport."'
    assert flagged(full + tgt[len(quote) :], src) == []


def test_a_short_translation_judged_with_an_unmatched_sentence_beside_it_is_flagged_across_both() -> None:
    src = (
        "我上周在网上买了一台新的咖啡机，收到以后发现包装很简单，机器侧面有一道很深的划痕，"
        "联系客服以后他们说可以换货，但是要等两个星期，这让我很失望。"
    )
    tgt = (
        "I bought a new coffee machine online last week. When it came, the box it shipped in was quite plain. "
        "I was very disappointed."
    )
    # the last sentence has no source sentence of its own: it is the end of the one source sentence's
    # translation, and what is missing may be just before it
    assert [text for text, _ in flagged(tgt, src, "zh")] == [tgt]


def test_a_sentence_left_out_of_a_spaced_script_is_found_even_where_the_merge_is_only_a_little_short() -> None:
    src = (
        "Der neue Bahnhof soll im Frühjahr eröffnet werden und täglich rund zwanzigtausend Reisende aufnehmen. "
        "Die Bauarbeiten begannen vor vier Jahren. "
        "Die Kosten stiegen in dieser Zeit deutlich, vor allem wegen der teureren Baustoffe "
        "und der langen Lieferzeiten."
    )
    first = "The new station is to open in spring and to handle around twenty thousand travellers a day."
    last = (
        "Costs have risen considerably during this period, above all because building materials became more "
        "expensive and deliveries took far too long."
    )
    # the freer translation of the last sentence makes up for most of the missing one
    found = flagged(f"{first} {last}", src)
    assert [msg.split(",")[0] for _, msg in found] == ["2 source sentences here"]
    assert flagged(f"{first} Construction began four years ago. {last}", src) == []


def test_sentences_merged_only_by_an_abbreviation_at_a_sentence_end_are_not_an_omission() -> None:
    src = (
        "Auf dem Markt gibt es Äpfel, Birnen, Pflaumen, Kirschen und vieles mehr. "
        "Fast alles davon kommt aus der Region rund um die Stadt."
    )
    # "etc." may end a sentence or not: the translation reads as one sentence, but the capital after
    # it shows it is two, as in the source
    tgt = "At the market there are apples, pears, plums, cherries etc. Almost all of it comes from around the town."
    assert flagged(tgt, src) == []
    war = "Das Denkmal erinnert an die vielen Gefallenen aus dem Dorf im Ersten Weltkrieg. Es wurde 1925 errichtet."
    assert flagged("The memorial commemorates the village's dead of World War I. It was put up in 1925.", war) == []
    # with the second sentence missing, the translation is short and one sentence
    assert flagged("At the market there are apples, pears, plums, cherries and much more.", src)


def test_a_sentence_opening_with_an_emoji_is_a_sentence_of_the_source() -> None:
    text = "Die Wälder sind in Gefahr! ☘️ Niemand fragt die Anwohner. Was nun? •"
    assert [text[a:b] for a, b in source_sentences(text)] == [
        "Die Wälder sind in Gefahr!",
        "☘️ Niemand fragt die Anwohner.",
        "Was nun? •",
    ]


def test_merged_sentences_that_ask_less_than_the_source_have_lost_the_question() -> None:
    src = "你明天来吗？我们八点出发，到湖边大概要三个小时。"
    # a little short only, but the source's question is gone with its sentence
    tgt = "We leave at eight o'clock, and it takes about three hours to get to the lake."
    assert [text for text, _ in flagged(tgt, src, "zh")] == [tgt]
    assert (
        flagged(
            "Are you coming tomorrow? We leave at eight, and it takes about three hours to get to the lake.", src, "zh"
        )
        == []
    )
    # merged by the translator, the question kept
    tgt = "Are you coming tomorrow, now that we leave at eight and it takes about three hours to get to the lake?"
    assert flagged(tgt, src, "zh") == []


def test_an_acronym_ends_a_sentence_and_an_initial_does_not() -> None:
    text = "Das sagte er der BBC. Danach ging er. Dort sprach В. Шевченко. Am 3. Mai kam Dr. Roth."
    assert [text[a:b] for a, b in source_sentences(text)] == [
        "Das sagte er der BBC.",
        "Danach ging er.",
        "Dort sprach В. Шевченко.",
        "Am 3. Mai kam Dr. Roth.",
    ]


def test_a_japanese_sentence_left_out_is_found_where_the_merge_is_only_a_little_short() -> None:
    src = (
        "新しい駅は来年の春に開業する予定です。工事は四年前に始まりました。"
        "費用は建設資材の値上がりと納期の遅れによって大きく増えました。"
    )
    first = "The new station is due to open next spring."
    last = (
        "Costs have risen sharply because building materials became much more expensive "
        "and deliveries were badly delayed."
    )
    assert [msg.split(",")[0] for _, msg in flagged(f"{first} {last}", src, "ja")] == ["2 source sentences here"]
    assert flagged(f"{first} Construction began four years ago. {last}", src, "ja") == []
