"""The corpus builders on tiny inputs: no network, no apt, no speech synthesiser (sox-only tests skip without it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import real, sound
from benchmarks.corpus.cast import MINOR_LINES, speaker_sequence, zipf_counts
from benchmarks.corpus.episode import LEAD_S, RATE, TRAIL_S, Layout, Utterance, build_episode, cue_times, \
    two_speaker_pairs
from svsg_desktop.core.io.labeled_csv import load_labeled_csv
from svsg_desktop.core.media import decode_audio

LUA = '''
dialogId("lv-m-hello", "font_small", "Hello there.")
dialogStr("Hallo daar.")

dialogId("lv-v-quote", "font_big", "He said \\"no\\".")
dialogStr("Hij zei \\"nee\\".")

dialogId("lv-x-statue", "font_statue", "I am a statue.")
dialogStr("Ik ben een standbeeld.")

dialogId("lv-m-untranslated", "font_small", "Only English here.")
'''


def tone(freq: float, seconds: float, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.1 * np.sin(2 * np.pi * freq * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))).astype(np.float32)


def test_parse_dialogs_reads_ids_fonts_and_dutch_text():
    got = real.parse_dialogs(LUA)
    assert got == [("lv-m-hello", "font_small", "Hallo daar."), ("lv-v-quote", "font_big", 'Hij zei "nee".'),
                   ("lv-x-statue", "font_statue", "Ik ben een standbeeld."),
                   ("lv-m-untranslated", "font_small", "Only English here.")]


def _fake_fillets(root: Path) -> Path:
    pkgs = root / "_pkgs"
    for level, ids in (("alpha", ("lv-m-hello", "lv-v-quote", "lv-x-statue")), ("beta", ("lv-m-hello",))):
        script = pkgs / "fillets-ng-data" / real.FILLETS / "script" / level
        script.mkdir(parents=True)
        (script / "dialogs_nl.lua").write_text(LUA, encoding="utf-8")
        snd = pkgs / "fillets-ng-data-nl" / real.FILLETS / "sound" / level / "nl"
        snd.mkdir(parents=True)
        for k, did in enumerate(ids):
            sf.write(snd / f"{did}.ogg", tone(200 + 50 * k, 0.5, 22050), 22050)
    return pkgs


def test_fillets_clips_keep_recorded_lines_of_known_speakers_and_levels_stay_whole(tmp_path):
    clips = real.fillets_clips(_fake_fillets(tmp_path))
    assert [(c.group, c.speaker, c.text) for c in clips] == [
        ("alpha", "small fish", "Hallo daar."), ("alpha", "big fish", 'Hij zei "nee".'),
        ("beta", "small fish", "Hallo daar.")]          # the statue has no known speaker; no ogg → no line
    eps = real.dutch_episodes(clips, [1, 1, 5])
    assert [[c.group for c in e] for e in eps] == [["alpha", "alpha"], ["beta"]]


def test_two_speaker_mini_episode_round_trips_through_the_loaders(tmp_path):
    a, b = tone(180, 1.2), tone(420, 0.9)
    utts = [Utterance("Ann", "one", a), Utterance("Bob", "two", b), Utterance("Ann", "three", a)]
    lines = build_episode(tmp_path / "mini", utts, np.random.default_rng(0), Layout(gap_s=(0.5, 0.5)))
    imported = load_labeled_csv(tmp_path / "mini" / "ep_truth.csv")
    assert [ln.speaker for ln in imported.lines] == ["Ann", "Bob", "Ann"]
    assert [ln.start for ln in imported.lines] == [t.start for t in lines]
    track = decode_audio(tmp_path / "mini" / "ep.mkv")
    assert track.problem == ""
    assert len(track.samples) / RATE == pytest.approx(1.0 + 3 * 0.5 + 1.2 + 0.9 + 1.2 + 1.5, abs=0.01)
    s0 = lines[1].speech_start / 1000          # Bob's speech is where the truth says it is
    seg = track.samples[int(s0 * RATE) + 800: int(s0 * RATE) + 800 + 4000]
    spectrum = np.abs(np.fft.rfft(seg))
    assert abs(np.argmax(spectrum) * RATE / len(seg) - 420) < 10
    assert (tmp_path / "mini" / "ep.srt").read_text(encoding="utf-8").count("-->") == 3


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12), st.integers(0, 5), st.integers(0, 10_000))
def test_zipf_counts_sum_and_minor_characters(n, n_minor, seed):
    n_minor = min(n_minor, n - 1)
    n_lines = (n - n_minor) * 6 + 5 * n_minor + 40
    counts = zipf_counts(np.random.default_rng(seed), n, n_lines, n_minor)
    assert sum(counts) == n_lines and len(counts) == n
    main, minor = counts[: n - n_minor], counts[n - n_minor:]
    assert all(MINOR_LINES[0] <= c <= MINOR_LINES[1] for c in minor)
    assert all(c >= 6 for c in main) and main == sorted(main, reverse=True)


def test_zipf_counts_refuse_a_cast_without_main_characters():
    with pytest.raises(ValueError):
        zipf_counts(np.random.default_rng(0), 3, 30, 3)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=8), st.integers(0, 10_000))
def test_speaker_sequence_has_exactly_the_requested_counts(counts, seed):
    seq = speaker_sequence(np.random.default_rng(seed), counts)
    assert np.bincount(seq, minlength=len(counts)).tolist() == counts


@pytest.mark.parametrize("snr", [0.0, 7.5, 20.0])
def test_bed_is_mixed_at_the_requested_snr(snr):
    rng = np.random.default_rng(1)
    speech = np.concatenate([tone(300, 1.0), np.zeros(RATE // 2, np.float32), tone(500, 1.0)])
    track = speech.copy()
    bed = rng.standard_normal(len(track)).astype(np.float32)
    sound.add_bed(track, bed, 0, snr)
    added = track - speech
    voiced = np.abs(speech) > 1e-4
    assert sound.snr_db(speech[voiced], added) == pytest.approx(snr, abs=0.05)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0.35, 2.0), st.floats(1.0, 4.0)), min_size=1, max_size=20),
       st.floats(0.0, 0.3), st.integers(0, 10_000))
def test_subtitle_jitter_is_bounded(gaps_durs, jitter, seed):
    spans, t = [], 1.0
    for gap, dur in gaps_durs:
        t += gap
        spans.append((t, t + dur))
        t += dur
    cues = cue_times(np.random.default_rng(seed), spans, jitter)
    tol = jitter + 0.011                 # + the 5 ms separation and the 10 ms rounding
    for (a, b), (s0, s1) in zip(cues, spans):
        assert abs(a / 1000 - max(0.0, s0 - LEAD_S)) <= tol
        assert abs(b / 1000 - (s1 + TRAIL_S)) <= tol
    assert all(cues[k][0] >= cues[k - 1][1] for k in range(1, len(cues)))


def test_two_speaker_pairs_join_different_speakers_once():
    speakers = ["a", "b", "b", "c", "a", "a", "b"]
    spans = [(k * 2.0, k * 2.0 + 1.5) for k in range(len(speakers))]
    pairs = two_speaker_pairs(np.random.default_rng(0), speakers, spans, share=1.0)
    assert pairs == [0, 2, 5]
    assert all(speakers[i] != speakers[i + 1] for i in pairs)


def test_two_speaker_cue_is_labeled_with_the_longer_speaker(tmp_path):
    utts = [Utterance("Ann", "short", tone(200, 0.5)), Utterance("Bob", "long", tone(400, 1.5))]
    lines = build_episode(tmp_path / "ep", utts, np.random.default_rng(0),
                          Layout(gap_s=(0.4, 0.4), two_speaker_share=1.0))
    assert len(lines) == 1 and lines[0].speaker == "Bob" and lines[0].text == "- short\n- long"


def test_telephone_band_removes_low_and_high_frequencies():
    x = tone(100, 1.0) + tone(1000, 1.0) + tone(6000, 1.0)
    y = sound.telephone(x)
    spec = np.abs(np.fft.rfft(y[2000:-2000]))
    f = np.fft.rfftfreq(len(y) - 4000, 1 / RATE)
    band = lambda lo, hi: spec[(f > lo) & (f < hi)].max()   # noqa: E731
    assert band(900, 1100) > 10 * band(80, 120) and band(900, 1100) > 10 * band(5800, 6200)


def test_reverb_lengthens_by_the_impulse_response_and_keeps_level():
    ir = sound.room_ir(np.random.default_rng(0), 0.5)
    x = tone(300, 1.0)
    y = sound.reverb(x, ir)
    assert len(y) == len(x) + len(ir) - 1
    assert sound.rms(y) == pytest.approx(sound.rms(x), rel=1e-3)


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")
def test_sox_pitch_colouring_moves_the_pitch():
    from benchmarks.corpus.voices import sox_effects
    y = sox_effects(tone(200, 1.0), ("pitch", "1200"))
    spec = np.abs(np.fft.rfft(y[2000:-2000]))
    peak = np.argmax(spec) * RATE / (len(y) - 4000)
    assert abs(peak - 400) < 15


def test_parse_stm_reads_speaker_times_and_text():
    stm = ";; comment\nsample 1 Diane 6.68 7.16 Hello?\nsample 1 Sheila 7.634 8.155 Oh, hello there.\n\n"
    assert real.parse_stm(stm) == [("Diane", 6.68, 7.16, "Hello?"), ("Sheila", 7.634, 8.155, "Oh, hello there.")]


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
def test_fetch_unpacks_a_downloaded_package_into_a_fresh_cache(tmp_path):
    """A fresh cache has no ``_pkgs`` folder: ``dpkg -x`` makes only the last folder, so fetch must make it."""
    import subprocess

    src = tmp_path / "src"
    (src / "DEBIAN").mkdir(parents=True)
    (src / "DEBIAN" / "control").write_text("Package: svsg-tiny\nVersion: 1.0\nArchitecture: all\n"
                                            "Maintainer: t <t@example.org>\nDescription: t\n", encoding="utf-8")
    (src / "usr" / "share" / "tiny").mkdir(parents=True)
    (src / "usr" / "share" / "tiny" / "a.txt").write_text("hello", encoding="utf-8")
    root = tmp_path / "corpus"
    (root / "_debs").mkdir(parents=True)
    subprocess.run(["dpkg-deb", "--build", str(src), str(root / "_debs" / "svsg-tiny_1.0_all.deb")], check=True,
                   capture_output=True)
    pkgs = real.fetch(("svsg-tiny",), root)
    assert (pkgs / "svsg-tiny" / "usr" / "share" / "tiny" / "a.txt").read_text(encoding="utf-8") == "hello"
    assert not (pkgs / "svsg-tiny.part").exists()
