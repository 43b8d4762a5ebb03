"""The spaCy side: our component and tokenizer drop into a user's own pipeline."""

from __future__ import annotations

import spacy

import skillmatch  # noqa: F401  (registers factories, as the entry points do when installed)


def blank_with_tokenizer():
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "skillmatch.TechTokenizer.v1"}}})


def test_add_pipe_in_a_user_pipeline():
    nlp = blank_with_tokenizer()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("skillmatch", config={"fuzzy_cutoff": 0.8, "spans_key": "sk"})
    doc = nlp("We use Pyhton and Kubernetes.")
    spans = doc.spans["sk"]
    assert [(s.text, s._.skill_id, s._.skill_method) for s in spans] == [
        ("Pyhton", "python", "fuzzy"), ("Kubernetes", "kubernetes", "exact")]
    assert spans[0].label_ == "python" and 0 < spans[0]._.skill_score < 1


def test_component_on_spacys_default_tokenizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("skillmatch")
    doc = nlp("Python, C++ and Node.js")
    assert {s._.skill_id for s in doc.spans["skills"]} >= {"python", "nodejs"}



def test_negation_with_either_tokenizer():
    from skillmatch.mentions import doc_mentions

    text = "I haven't used Docker, but I know Python. No Kafka."
    for nlp in (spacy.blank("en"), blank_with_tokenizer()):  # spaCy's splits "haven't": cues found in the text
        nlp.add_pipe("skillmatch")
        found = {m.skill_id: m.polarity for m in doc_mentions(nlp(text), text=text)}
        assert found == {"docker": "negated", "python": "affirmed", "apache-kafka": "negated"}

def test_tokenizer_keeps_tech_tokens_and_offsets():
    nlp = blank_with_tokenizer()
    text = "  C++, C#, .NET,\tNode.js; CI/CD R&D\n\nscikit-learn."
    doc = nlp.make_doc(text)
    assert doc.text == text
    words = [t.text for t in doc]
    for token in ("C++", "C#", ".NET", "Node.js", "R&D"):
        assert token in words
    assert words[words.index("CI") : words.index("CI") + 3] == ["CI", "/", "CD"]



def test_tokenizer_whitespace_and_plain_word_runs():
    """Runs of plain words are cut without a match per word: spaces and line breaks stay exact."""
    nlp = blank_with_tokenizer()
    text = " Led a  team of 5 in Zürich,\nnaïve café_2 work \n\tand more "
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [(t.text, t.whitespace_) for t in doc] == [
        (" ", ""), ("Led", " "), ("a", " "), (" ", ""), ("team", " "), ("of", " "), ("5", " "), ("in", " "),
        ("Zürich", ""), (",", ""), ("\n", ""), ("naïve", " "), ("café_2", " "), ("work", " "),
        ("\n\t", ""), ("and", " "), ("more", " ")]


def test_tokenizer_cuts_sentences_glued_by_a_full_stop():
    """Text from PDFs loses the space after a full stop: "Python.Familiar" is two words, while
    names keep their dot whatever their case (`ASP.NET`, `Asp.Net`, `Node.Js`, `Socket.IO`)."""
    nlp = blank_with_tokenizer()
    words = [t.text for t in nlp.make_doc("Python.Familiar with Google AdWords.Used Asp.Net, Node.Js, Socket.IO, "
                                          "VB.NET; SQL.Docker. Sheets.I like B.Tech, M.Sc, Ph.D, Ed.D")]
    assert words[:4] == ["Python", ".", "Familiar", "with"]
    assert words[5:8] == ["AdWords", ".", "Used"]
    for start in ("SQL", "Sheets"):
        assert words[words.index(start) + 1] == "."
    for name in ("Asp.Net", "Node.Js", "Socket.IO", "VB.NET", "B.Tech", "M.Sc", "Ph.D", "Ed.D"):
        assert name in words


def test_tokenizer_keeps_links_whole():
    nlp = blank_with_tokenizer()
    text = "Mail jane.doe+cv@example.co.uk, see https://example.com/a_b (www.site.org) or R&D"
    words = [t.text for t in nlp.make_doc(text)]
    for token in ("Mail", "jane.doe+cv@example.co.uk", "https://example.com/a_b", "www.site.org", "R&D"):
        assert token in words
    assert [t.text for t in nlp.make_doc("Python@ home")] == ["Python", "@", "home"]
    for address in ("sean.o'brien@gmail.com", "R&D@acme.com", "C#@x.com"):  # cut as when tried first
        assert [t.text for t in nlp.make_doc(address)] == [address.split("@")[0], "@", address.split("@")[1]]


def test_tokenizer_pickles_without_its_id_cache():
    import pickle

    nlp = blank_with_tokenizer()
    nlp.make_doc(" ".join(f"word{i}" for i in range(2000)))
    copy = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert copy._ids == {} and copy("C++ and Node.js").text == "C++ and Node.js"


def test_tokenizer_in_a_memory_zone_and_after_it():
    nlp = blank_with_tokenizer()
    nlp.add_pipe("skillmatch")
    with nlp.memory_zone():
        doc = nlp("Zonal Kubernetes and Pyhton")
        inside = [s.text for s in doc.spans["skills"]]
    doc = nlp("Zonal Kubernetes and Pyhton")
    after = [s.text for s in doc.spans["skills"]]
    assert inside == after == ["Kubernetes", "Pyhton"]

def test_to_disk_and_from_disk_round_trip(tmp_path):
    nlp = blank_with_tokenizer()
    nlp.add_pipe("skillmatch", config={"fuzzy_cutoff": 0.85})
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.get_pipe("skillmatch").fuzzy_cutoff == 0.85
    text = "Docker, k8s and Pyhton"
    a, b = loaded(text), nlp(text)
    assert [(s.text, s.label_) for s in a.spans["skills"]] == [(s.text, s.label_) for s in b.spans["skills"]]


def test_config_is_serialisable():
    nlp = blank_with_tokenizer()
    nlp.add_pipe("skillmatch")
    cfg = nlp.config.to_str()
    assert "skillmatch.TechTokenizer.v1" in cfg and 'factory = "skillmatch"' in cfg


def test_docs_saved_by_an_earlier_release_still_give_their_mentions():
    from spacy.tokens import Doc

    from skillmatch.mentions import doc_mentions

    nlp = blank_with_tokenizer()
    nlp.add_pipe("skillmatch")
    doc = nlp("Skills: Python and SQL")
    old = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    old.user_data["skillmatch:skills"] = {f"{s}:{e}": row for s, e, *row in doc.user_data["skillmatch:skills"]}
    assert [(m.text, m.skill_id) for m in doc_mentions(old)] == [("Python", "python"), ("SQL", "sql")]
    assert [s._.skill_id for s in old.spans["skills"]] == ["python", "sql"]
