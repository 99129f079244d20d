"""Evaluate the encoding detectors on held-out langid-dev data and on ftfy's test cases.

Legacy cases: sentences of ru, uk, bg, sr, el (lines 250+ of langid-dev `sentences/`, never
used to build statistics) encoded in their legacy code pages and read as Latin-1 or cp1252,
(a) inside English paragraphs, (b) as whole documents, (c) as whole legacy files for
`decode_bytes`; plus UTF-8 read as cp1251. False positives: every langid-dev sentence, word pair
and word of fr, de, es, pt, it, pl, tr, en, and ftfy's negative.json.

Throughput (--throughput): mojibake-heavy documents (langid-dev sentences of eleven languages,
20 to a document one per line and 100 to a document on one line, and Reuters stories with curly quotes when /work/shared/data is present, written as UTF-8 and
read in cp1252, cp1250, cp1251 or cp1253), timed side by side with `ftfy.fix_text` on the same
documents, interleaved, best of several rounds; then the same per kind of document (Latin-script
languages, Cyrillic and Greek, Reuters), and Cyrillic and Greek UTF-8 read as cp1252, a kind the
mix leaves out.

Usage: python bench/encoding_eval.py [--data tests/data] [--throughput [--cpu]]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ftfy  # noqa: E402

from normalize.edits import apply_edits, resolve_overlaps  # noqa: E402
from normalize.encoding import decode_bytes, find_legacy_mojibake, find_utf8_mojibake, needs_check  # noqa: E402
from normalize.document import Document  # noqa: E402
from normalize.stages.repair import EncodingStage  # noqa: E402
from normalize.errors import NormalizeError  # noqa: E402

STAGE = EncodingStage()
HELD_OUT = slice(250, None)
PAGES = {"ru": ("cp1251", "koi8_r"), "uk": ("cp1251", "koi8_u"), "bg": ("cp1251",), "sr": ("cp1251",),
         "el": ("cp1253", "iso8859_7")}
LATIN = ("fr", "de", "es", "pt", "it", "pl", "tr", "en")


def read_latin(raw: bytes, reader: str) -> str:
    """Decode as a Latin-1 or (sloppy) cp1252 reader would."""
    if reader == "latin_1":
        return raw.decode("latin_1")
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)


def repair(text: str) -> str:
    """What the encoding stage proposes in one pass (legacy leftovers included)."""
    return apply_edits(text, resolve_overlaps(STAGE.run(Document(text, "en-GB", None, None, "text"))[0]))


def lines(data: Path, kind: str, lang: str) -> list[str]:
    return (data / "langid-dev" / kind / f"{lang}.txt").read_text(encoding="utf-8").splitlines()


def legacy_cases(data: Path) -> dict[str, list[tuple[str, str]]]:
    rng = random.Random(7)
    english = lines(data, "sentences", "en")[HELD_OUT]
    cases: dict[str, list[tuple[str, str]]] = {"in-english": [], "document": [], "utf8-as-cp1251": []}
    for lang, pages in PAGES.items():
        sentences = lines(data, "sentences", lang)[HELD_OUT]
        for i, sentence in enumerate(sentences):
            page = pages[i % len(pages)]
            reader = ("cp1252", "latin_1")[i % 2]
            try:
                broken = read_latin(sentence.encode(page), reader)
            except UnicodeEncodeError:
                continue
            a, b = rng.sample(english, 2)
            cases["in-english"].append((f"{a} {broken} {b}", f"{a} {sentence} {b}"))
            cases["utf8-as-cp1251"].append((read_cp1251(sentence.encode("utf-8")), sentence))
        for i in range(0, len(sentences) - 5, 5):
            doc = "\n".join(sentences[i : i + 5])
            page = pages[(i // 5) % len(pages)]
            try:
                cases["document"].append((read_latin(doc.encode(page), "cp1252"), doc))
            except UnicodeEncodeError:
                continue
    return cases


def read_cp1251(raw: bytes) -> str:
    return "".join(bytes([b]).decode("cp1251", errors="ignore") or chr(b) for b in raw)


def eval_legacy(data: Path) -> None:
    for name, cases in legacy_cases(data).items():
        exact = sum(repair(broken) == clean for broken, clean in cases)
        print(f"legacy {name:15s} exact repairs {exact}/{len(cases)} = {exact / len(cases):.1%}")
    eval_files(data)


def eval_files(data: Path) -> None:
    total = exact = errors = 0
    for lang, pages in PAGES.items():
        sentences = lines(data, "sentences", lang)[HELD_OUT]
        for i in range(0, len(sentences) - 3, 3):
            doc = "\n".join(sentences[i : i + 3]) + "\n"
            page = pages[(i // 3) % len(pages)]
            try:
                raw = doc.encode(page)
            except UnicodeEncodeError:
                continue
            total += 1
            try:
                exact += decode_bytes(raw).text == doc
            except NormalizeError:
                errors += 1
    print(f"decode_bytes legacy files     exact {exact}/{total} = {exact / total:.1%} (NormalizeError: {errors})")


def eval_false_positives(data: Path) -> None:
    """Legacy edits on Latin text are false positives; UTF-8 repairs count only if ftfy disagrees."""
    items = 0
    false: list[tuple[str, str, str]] = []
    agreed: list[tuple[str, str, str]] = []
    finished: list[tuple[str, str, str]] = []
    texts = [(lang, line) for lang in LATIN for kind in ("sentences", "word-pairs", "single-words")
             for line in lines(data, kind, lang)]
    negative = json.loads((data / "ftfy-test-cases" / "negative.json").read_text(encoding="utf-8"))
    texts += [("negative.json", case["original"]) for case in negative]
    for lang, line in texts:
        items += 1
        for edit in find_legacy_mojibake(line):
            false.append((lang, line[edit.start : edit.end], edit.rule))
        utf8 = find_utf8_mojibake(line)
        same = utf8 and ftfy.fix_encoding(line) == apply_edits(line, resolve_overlaps(utf8))
        for e in utf8:
            hit = (lang, line[e.start : e.end], e.rule)
            if same:
                agreed.append(hit)
            elif _is_utf8_of(line[e.start : e.end], e.replacement):
                finished.append(hit)  # ftfy stopped half-way on this line ("duruÅŸu")
            else:
                false.append(hit)
    print(f"false positives on {items} accented-Latin items (fr de es pt it pl tr en) + negative.json: {len(false)}")
    for hit in false[:20]:
        print("   FP", hit)
    print(f"  (plus {len(agreed)} repairs identical to ftfy.fix_encoding: damage present in the data, e.g. "
          f"{sorted({h[1] for h in agreed})[:6]})")
    print(f"  (plus {len(finished)} repairs of words ftfy left half-repaired on the same line, each the UTF-8 "
          f"reading of its cp1252 bytes: {sorted({h[1] for h in finished})[:6]})")


def _is_utf8_of(before: str, after: str) -> bool:
    import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252

    try:
        return before.encode("sloppy-windows-1252").decode("utf-8") == after
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False


def eval_bytes_set() -> None:
    """The legacy-bytes test set (tools/build_encoding_bytes_set.py): exact, refused or wrong."""
    import importlib.util

    from normalize.encoding.legacy_file import DISPLAY

    path = Path(__file__).resolve().parent.parent / "tools" / "build_encoding_bytes_set.py"
    spec = importlib.util.spec_from_file_location("build_encoding_bytes_set", path)
    builder = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(builder)  # type: ignore[union-attr]
    for part, cases in (("langid-dev (committed)", list(builder.langid_cases())),
                        ("Reuters (built at run time)", list(builder.reuters_cases()))):
        counts: dict[str, dict[str, int]] = {}
        for name, raw, text, pages in cases:
            group = "mixed" if len(pages) > 1 else DISPLAY[pages[0]]
            try:
                outcome = "exact" if decode_bytes(raw).text == text else "WRONG"
            except NormalizeError:
                outcome = "refused"
            counts.setdefault(group, {"exact": 0, "refused": 0, "WRONG": 0})[outcome] += 1
        total = {k: sum(c[k] for c in counts.values()) for k in ("exact", "refused", "WRONG")}
        print(f"bytes set, {part}: {sum(total.values())} files, exact {total['exact']}, refused {total['refused']}, "
              f"decoded to other text {total['WRONG']}")
        for group, c in sorted(counts.items()):
            print(f"    {group:12s} exact {c['exact']:3d}  refused {c['refused']}  wrong {c['WRONG']}")


def eval_mac_dos(data: Path) -> None:
    """Mac Roman and cp850 sentences read as Latin-1 or cp1252: repaired, left alone, or worse.

    "Left alone" counts outputs equal to the input or to ftfy's; anything else that is not the
    original is "worse"."""
    for page in ("mac_roman", "cp850"):
        for reader in ("latin_1", "cp1252"):
            counts = {"repaired": 0, "left alone": 0, "worse": 0}
            ftfy_exact = 0
            for lang in ("fr", "de", "es", "pt", "it"):
                for sentence in lines(data, "sentences", lang)[HELD_OUT]:
                    try:
                        broken = read_latin(sentence.encode(page), reader)
                    except UnicodeEncodeError:
                        continue
                    if broken == sentence:
                        continue
                    fixed, theirs = repair(broken), ftfy.fix_encoding(broken)
                    ftfy_exact += theirs == sentence
                    key = "repaired" if fixed == sentence else "left alone" if fixed in (broken, theirs) else "worse"
                    counts[key] += 1
            total = sum(counts.values())
            print(f"{page} read as {reader:7s} {total} sentences: " + ", ".join(f"{k} {v}" for k, v in counts.items())
                  + f" (ftfy.fix_encoding exact: {ftfy_exact})")


def eval_ftfy(data: Path) -> None:
    for path in sorted((data / "ftfy-test-cases").glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))
        ours = theirs = worse = 0
        for case in cases:
            expected = case.get("fixed-encoding", case["fixed"])
            mine, its = repair(case["original"]) == expected, ftfy.fix_encoding(case["original"]) == expected
            ours, theirs, worse = ours + mine, theirs + its, worse + (its and not mine)
        print(f"ftfy cases {path.name:20s} ours {ours}/{len(cases)}  ftfy.fix_encoding {theirs}/{len(cases)}  "
              f"worse than ftfy: {worse}")


def eval_speed(data: Path) -> None:
    text = "\n".join(lines(data, "sentences", "en")) + "\n"
    text = text.replace("'", "’") * 20  # curly apostrophes: non-ASCII but clean
    size = len(text.encode("utf-8")) / 1e6
    for name, fn in (("needs_check", needs_check), ("find_utf8_mojibake", find_utf8_mojibake),
                     ("find_legacy_mojibake", find_legacy_mojibake)):
        start = time.perf_counter()
        for _ in range(5):
            fn(text)
        secs = (time.perf_counter() - start) / 5
        print(f"speed {name:22s} {size / secs:8.1f} MB/s on clean English ({size:.1f} MB)")


MOJIBAKE_PAGES = {"fr": "cp1252", "de": "cp1252", "es": "cp1252", "pt": "cp1252", "it": "cp1252", "tr": "cp1252",
                  "pl": "cp1250", "ru": "cp1251", "uk": "cp1251", "bg": "cp1251", "el": "cp1253"}
REUTERS = Path("/work/shared/data/reuters-21578/articles.jsonl")


def mojibake(text: str, page: str) -> str:
    """UTF-8 bytes read in `page`, undefined bytes kept as Latin-1 (as ftfy's sloppy codecs do)."""
    return "".join(bytes([b]).decode(page, errors="ignore") or chr(b) for b in text.encode("utf-8"))


def mojibake_groups(data: Path) -> dict[str, list[str]]:
    """The throughput corpus, by kind of document (see the module docstring)."""
    groups: dict[str, list[str]] = {}
    for lang, page in MOJIBAKE_PAGES.items():
        sentences = lines(data, "sentences", lang)
        group = groups.setdefault(_group_name(lang, page), [])
        group += [mojibake("\n".join(sentences[i : i + 20]) + "\n", page) for i in range(0, len(sentences), 20)]
        # paragraphs as single lines, as many feeds and scrapes deliver them
        group += [mojibake(" ".join(sentences[i : i + 100]) + "\n", page) for i in range(0, len(sentences), 100)]
    if REUTERS.exists():
        group = groups.setdefault("Reuters stories, curly quotes, as cp1252", [])
        with REUTERS.open(encoding="utf-8") as handle:
            for line, _ in zip(handle, range(300)):
                story = json.loads(line)["text"].replace(" '", " ‘").replace("'", "’").replace(' "', " “").replace('"', "”")
                group.append(mojibake(story + "\nThe £15.8m deal, said José Müller, was “done”.\n", "cp1252"))
    return groups


def _group_name(lang: str, page: str) -> str:
    return "Latin-script (fr de es pt it tr pl)" if lang in LATIN else f"Cyrillic, Greek (ru uk bg el) as {page[:5]}x"


def mojibake_documents(data: Path) -> list[str]:
    return [doc for group in mojibake_groups(data).values() for doc in group]


def cyrillic_greek_as_cp1252(data: Path) -> list[str]:
    """Not in the headline mix: Russian, Ukrainian, Bulgarian and Greek UTF-8 read as cp1252
    ("Ð¡ÐµÑ€Ð³ÐµÐ¹"), every word damaged, 20 sentences to a document."""
    docs = []
    for lang in ("ru", "uk", "bg", "el"):
        sentences = lines(data, "sentences", lang)
        docs += [mojibake("\n".join(sentences[i : i + 20]) + "\n", "cp1252") for i in range(0, len(sentences), 20)]
    return docs


def eval_throughput(data: Path, rounds: int = 3, clock=time.perf_counter) -> None:
    from normalize import Normalizer

    groups = mojibake_groups(data)
    docs = [doc for group in groups.values() for doc in group]
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    encoding_only = Normalizer(select=["encoding"])
    everything = Normalizer()
    runners = {"ftfy.fix_text": ftfy.fix_text,
               "encoding stage (one pass)": lambda d: apply_edits(d, resolve_overlaps(
                   STAGE.run(Document(d, "en-GB", None, None, "text"))[0])),
               "normalize (encoding rules)": lambda d: encoding_only.normalize_text(d).text,
               "normalize (all rules)": lambda d: everything.normalize_text(d).text}
    for fn in runners.values():  # warm up: imports, models, compiled stages
        fn(docs[0])
    best = _best_times(runners, docs, rounds, clock)
    kind = "CPU time" if clock is time.process_time else "wall-clock"
    print(f"throughput on {len(docs)} mojibake-heavy documents ({size:.2f} MB UTF-8), best of {rounds}, {kind}:")
    for name, secs in best.items():
        print(f"  {name:28s} {size / secs:6.2f} MB/s  ({best['ftfy.fix_text'] / secs:.2f}x ftfy.fix_text)")
    # the same two engines per kind of document, and a kind left out of the mix above
    pair = {"ftfy.fix_text": ftfy.fix_text, "normalize (all rules)": runners["normalize (all rules)"]}
    print("  by kind of document, all rules vs ftfy.fix_text:")
    extra = {"not in the mix: Cyrillic, Greek as cp1252": cyrillic_greek_as_cp1252(data)}
    for label, group in {**groups, **extra}.items():
        times = _best_times(pair, group, rounds, clock)
        print(f"    {label:44s} {len(group):4d} documents  {times['ftfy.fix_text'] / times['normalize (all rules)']:.2f}x")
    long_line = mojibake(" ".join(lines(data, "sentences", "fr")) * 2 + "\n", "cp1252")  # one 0.1 MB line
    for name in ("ftfy.fix_text", "encoding stage (one pass)"):
        start = time.perf_counter()
        runners[name](long_line)
        print(f"  {name:28s} {time.perf_counter() - start:6.2f} s on one {len(long_line.encode()) / 1e6:.2f} MB line "
              "of French mojibake")
    eval_legacy_throughput(data)


def _best_times(runners: dict, docs: list[str], rounds: int, clock) -> dict[str, float]:  # noqa: ANN001
    """Each runner's best time over `docs`, rounds interleaved."""
    best = {name: float("inf") for name in runners}
    for _ in range(rounds):
        for name, fn in runners.items():
            start = clock()
            for doc in docs:
                fn(doc)
            best[name] = min(best[name], clock() - start)
    return best


def eval_legacy_throughput(data: Path) -> None:
    """What ftfy has no counterpart for: legacy files decoded, Greek/Cyrillic legacy mojibake repaired."""
    files = []
    for lang, pages in PAGES.items():
        text = "\n".join(lines(data, "sentences", lang)) + "\n"
        for page in pages:
            files.append(text.encode(page, errors="ignore"))
    size = sum(map(len, files)) / 1e6
    start = time.perf_counter()
    for raw in files:
        decode_bytes(raw)
    print(f"  decode_bytes on {len(files)} whole legacy files ({size:.2f} MB): {size / (time.perf_counter() - start):.2f} MB/s")
    docs = [read_latin(raw, "cp1252") for raw in files]
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    start = time.perf_counter()
    for doc in docs:
        repair(doc)
    print(f"  encoding stage on the same read as cp1252 ({size:.2f} MB UTF-8): {size / (time.perf_counter() - start):.2f} MB/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent / "tests" / "data")
    parser.add_argument("--throughput", action="store_true", help="only the side-by-side throughput against ftfy")
    parser.add_argument("--cpu", action="store_true",
                        help="time --throughput in CPU time: steadier than wall-clock on a shared machine")
    args = parser.parse_args()
    if args.throughput:
        eval_throughput(args.data, clock=time.process_time if args.cpu else time.perf_counter)
        return
    eval_legacy(args.data)
    eval_false_positives(args.data)
    eval_ftfy(args.data)
    eval_mac_dos(args.data)
    eval_bytes_set()
    eval_speed(args.data)


if __name__ == "__main__":
    main()
