"""The steps of installer/smoke_test.py (standard library only). Each step runs a FROZEN executable of the bundle
in a clean environment and records pass/fail, time and a log file."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What fails the smoke test when it appears in any log (case-sensitive: VLC's own lower-case "error:" notes about
# a missing sound server are expected on a machine without one and are only listed).
BAD = [re.compile(p) for p in (r"Traceback \(most recent call last\)", r"\bERROR\b", r"\bCRITICAL\b",
                                r"Segmentation fault", r"core dumped", r"ModuleNotFoundError", r"ImportError",
                                r"Fatal Python error")]
NOTE = re.compile(r"\berror\b|\bwarning\b", re.IGNORECASE)


class Runner:
    def __init__(self, bundle: Path, work: Path) -> None:
        self.bundle, self.work = bundle, work
        self.logs = work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.home = work / "home"
        self.runtime = work / "run"
        for d in (self.home, self.runtime):
            d.mkdir(parents=True, exist_ok=True)
        os.chmod(self.runtime, 0o700)
        self.results: list[dict] = []
        self.figures: dict[str, object] = {}
        self.info: dict = {}

    @property
    def failures(self) -> list[dict]:
        return [r for r in self.results if not r["ok"]]

    def env(self, *, display: str | None = None, extra: dict | None = None) -> dict:
        """A user's environment: nothing of the project's venv, PYTHONPATH or the caller's config."""
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "XDG_RUNTIME_DIR": str(self.runtime),
               "XDG_CONFIG_HOME": str(self.home / ".config"), "XDG_DATA_HOME": str(self.home / ".local/share"),
               "XDG_CACHE_HOME": str(self.home / ".cache"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "SVSG_VLC_ARGS": "--aout=adummy",  # no sound device on a build machine
               "QT_QPA_PLATFORM": "xcb" if display else "offscreen"}
        if display:
            env["DISPLAY"] = display
        if os.name == "nt":  # Windows needs its system folders; the user's profile goes to our temp home
            root = os.environ.get("SYSTEMROOT", r"C:\Windows")
            env.update({"PATH": rf"{root}\System32;{root}", "SYSTEMROOT": root, "WINDIR": root,
                        "USERPROFILE": str(self.home), "APPDATA": str(self.home / "AppData" / "Roaming"),
                        "LOCALAPPDATA": str(self.home / "AppData" / "Local"), "TEMP": str(self.runtime),
                        "TMP": str(self.runtime)})
        env.update(extra or {})
        return env

    def record(self, name: str, ok: bool, seconds: float = 0.0, detail: str = "") -> bool:
        self.results.append({"name": name, "ok": bool(ok), "seconds": round(seconds, 2), "detail": detail})
        return bool(ok)

    def skip(self, name: str, detail: str) -> None:
        """A step this build cannot run because the source tree does not have that part yet (not a failure)."""
        self.results.append({"name": name, "ok": True, "skipped": True, "seconds": 0.0, "detail": detail})

    def fail(self, name: str, detail: str) -> bool:
        return self.record(name, False, 0.0, detail)

    def run(self, name: str, argv: list[str], *, env: dict, timeout: float = 300, expect_rc: int | None = 0,
            record: bool = True) -> subprocess.CompletedProcess | None:
        log = self.logs / f"{name}.log"
        t0 = time.monotonic()
        try:
            proc = subprocess.run(argv, cwd=self.work, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                  text=True, encoding="utf-8", errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired as err:
            log.write_text(f"$ {' '.join(argv)}\n[timed out after {timeout} s]\n{err.stdout or ''}{err.stderr or ''}",
                           encoding="utf-8")
            if record:
                self.fail(name, f"timed out after {timeout:.0f} s")
            return None
        dt = time.monotonic() - t0
        log.write_text(f"$ {' '.join(argv)}\n[exit {proc.returncode} after {dt:.2f} s]\n--- stdout\n{proc.stdout}"
                       f"\n--- stderr\n{proc.stderr}", encoding="utf-8")
        if record:
            ok = expect_rc is None or proc.returncode == expect_rc
            self.record(name, ok, dt, "" if ok else f"exit {proc.returncode}: {_tail(proc.stderr or proc.stdout)}")
        return proc

    def exe(self, name: str) -> str:
        return str(self.bundle / (name + ".exe" if os.name == "nt" else name))

    def scan_logs(self) -> None:
        bad, notes = [], 0
        for log in sorted(self.logs.glob("*.log")):
            for i, line in enumerate(log.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if line.startswith("$ "):
                    continue
                if any(p.search(line) for p in BAD):
                    bad.append(f"{log.name}:{i}: {line.strip()[:160]}")
                elif NOTE.search(line):
                    notes += 1
        self.record("logs free of ERROR/Traceback", not bad, 0.0, "; ".join(bad[:6]))
        self.figures["log lines mentioning error/warning (lower case, not failing)"] = notes

    def report(self, total: float) -> dict:
        lines = [f"{'step':<44} {'result':<6} {'time':>8}  detail", "-" * 100]
        for r in self.results:
            mark = "skip" if r.get("skipped") else "ok" if r["ok"] else "FAIL"
            lines.append(f"{r['name']:<44} {mark:<6} {r['seconds']:>7.2f}s  {r['detail']}")
        lines.append("-" * 100)
        for k, v in self.figures.items():
            lines.append(f"{k}: {v}")
        verdict = "PASSED" if not self.failures else f"FAILED ({len(self.failures)} step(s))"
        lines.append(f"smoke test {verdict} in {total:.1f} s: {sum(r['ok'] for r in self.results)} passed, "
                     f"{len(self.failures)} failed")
        return {"text": "\n".join(lines), "results": self.results, "figures": self.figures}


class Xvfb:
    def __init__(self, proc: subprocess.Popen, display: str) -> None:
        self.proc, self.display = proc, display

    @classmethod
    def start(cls, work: Path) -> "Xvfb | None":
        if not shutil.which("Xvfb"):
            return None
        r, w = os.pipe()
        proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                pass_fds=(w,), stdout=subprocess.DEVNULL,
                                stderr=open(work / "logs" / "xvfb.txt", "w"))
        os.close(w)
        with os.fdopen(r) as fh:
            num = fh.readline().strip()
        if not num.isdigit():
            proc.kill()
            return None
        return cls(proc, f":{num}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _tail(text: str, n: int = 220) -> str:
    text = " | ".join(line for line in (text or "").strip().splitlines()[-4:])
    return text[-n:]


def _json_out(proc: subprocess.CompletedProcess | None) -> dict:
    if proc is None:
        return {}
    try:
        return json.loads(proc.stdout[proc.stdout.index("{"):])
    except ValueError:
        return {}


def check_bundle(run: Runner) -> None:
    proc = run.run("bundle self-check (info)", [run.exe("svsg")], env=run.env(extra={"SVSG_BUNDLE_SELFTEST": "info"}))
    info = run.info = _json_out(proc)
    if not info:
        run.fail("bundle self-check output", "no JSON from SVSG_BUNDLE_SELFTEST=info")
        return
    run.record("runs frozen, nothing loaded from outside", info.get("frozen") and not info["modules_outside_bundle"]
               and not info["sys_path_outside_bundle"],
               detail=f"outside: {info['modules_outside_bundle'][:5]} {info['sys_path_outside_bundle'][:3]}")
    onnx = [m for m in info["models"] if m.endswith(".onnx")]
    run.record("models + manifest bundled", "manifest.json" in info["models"] and bool(onnx),
               detail=f"{len(onnx)} ONNX files: {', '.join(onnx)}")
    if (ROOT / "resources" / "demo").is_dir() or info["demo"]:
        run.record("demo episode bundled", "demo.mp4" in info["demo"], detail=", ".join(info["demo"]))
    src_tr = sorted(p.name for p in (ROOT / "resources" / "translations").glob("*.qm"))
    if src_tr or info.get("translations"):
        missing = sorted(set(src_tr) - set(info.get("translations", [])))
        run.record("UI translations bundled", bool(info.get("translations")) and not missing,
                   detail=", ".join(info.get("translations", [])) + (f"; missing {missing}" if missing else ""))
    src_cli = ROOT / "svsg_desktop" / "cli"
    if src_cli.is_dir():  # the frozen CLI must discover every sub-command the source tree has
        expected = sorted(p.stem for p in src_cli.glob("*.py") if p.stem != "__init__")
        missing = sorted(set(expected) - set(info["cli_modules"]))
        run.record("CLI sub-commands found frozen (pkgutil)", not missing,
                   detail=f"{len(info['cli_modules'])} modules" + (f"; missing {missing}" if missing else ""))
    ort = info.get("onnxruntime", {})
    run.record("onnxruntime loads", "CPUExecutionProvider" in ort.get("providers", []),
               detail=f"{ort.get('version')} {ort.get('providers') or ort.get('error')}")
    run.record("Qt + libVLC load", str(info.get("qt", "")).startswith("6") and "Vetinari" in str(info.get("libvlc"))
               or str(info.get("libvlc", "")).startswith("3."), detail=f"Qt {info.get('qt')}, libVLC {info.get('libvlc')}")
    run.figures["bundle"] = str(run.bundle)


def demo_video(run: Runner) -> Path | None:
    base = Path(run.info.get("bundle", run.bundle / "_internal"))
    video = base / "resources" / "demo" / "demo.mp4"
    return video if video.is_file() else None


def check_playback(run: Runner, xvfb: Xvfb | None) -> None:
    video = demo_video(run)
    if video is None:
        run.fail("VLC playback", "no demo video in the bundle to play")
        return
    cases = [("VLC plays demo, offscreen (vout dummy)", None)]
    if xvfb is not None:
        cases.append(("VLC plays demo in a Qt window (Xvfb)", xvfb.display))
    for name, display in cases:
        proc = run.run(name, [run.exe("svsg"), str(video)],
                       env=run.env(display=display, extra={"SVSG_BUNDLE_SELFTEST": "vlc"}), timeout=120)
        res = _json_out(proc)
        if res:
            run.results[-1]["detail"] = (f"decoded {res.get('decoded_video')} frames, shown "
                                         f"{res.get('displayed_pictures')}, VLC libs mapped "
                                         f"{res.get('vlc_libraries_mapped')} (outside bundle: "
                                         f"{len(res.get('vlc_libraries_outside_bundle', []))})"
                                         + (f", {res['video_pixels_fraction']:.0%} of window painted"
                                            if "video_pixels_fraction" in res else ""))
        if res and display is None:  # one FFmpeg: VLC's plugins and PyAV mapped the same single libavcodec
            libs = res.get("ffmpeg_libraries_mapped", {})
            copies = {k: len(v) for k, v in libs.items()}
            run.record("one FFmpeg shared by VLC and PyAV", bool(res.get("one_ffmpeg")), 0.0,
                       f"PyAV {res.get('pyav')} (libavcodec {res.get('pyav_libavcodec')}) decoded "
                       f"{res.get('pyav_frames_decoded', 0)} frames; copies mapped: {copies}"
                       + (f"; {res['pyav_error']}" if res.get("pyav_error") else ""))


# --- the app ----------------------------------------------------------------------------------------------------
def gui_smoke_args(run: Runner, demo: Path | None, shot: Path) -> list[str] | None:
    """Arguments that make this build of the app open the demo and quit by itself once shown, if it has them."""
    proc = run.run("app --help", [run.exe("svsg-desktop"), "--help"], env=run.env(), timeout=30, expect_rc=None,
                   record=False)
    text = (proc.stdout + proc.stderr) if proc else ""
    if "--screenshot" in text and "--quit-after" in text and demo is not None:
        return [str(demo / "demo.mp4"), "--subtitles", str(demo / "demo.srt"), "--screenshot", str(shot),
                "--quit-after", "6"]
    if "--smoke-test" in text:
        return ["--smoke-test"]
    return None


def _window_shown(pid: int, display: str) -> bool:
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)], env={"DISPLAY": display,
                       "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    return r.returncode == 0 and bool(r.stdout.strip())


def start_gui(run: Runner, name: str, display: str | None, flag: list[str] | None, *, timeout: float = 180,
              hold: float = 8.0) -> dict:
    """Start svsg-desktop; returns {rc, window_s, total_s}. ``flag``: arguments that make it quit by itself.
    Without them the app is left running ``hold`` seconds after its window appears (offscreen: after start), then
    closed: it passes if it was still alive."""
    argv = [run.exe("svsg-desktop")] + (flag or [])
    log = open(run.logs / f"{name}.log", "w", encoding="utf-8")
    log.write(f"$ {' '.join(argv)}\n")
    log.flush()
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, cwd=run.work, env=run.env(display=display), stdin=subprocess.DEVNULL,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=os.name == "posix")
    can_see = display is not None and shutil.which("xdotool") is not None
    window_s = None
    deadline = t0 + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if can_see and window_s is None and _window_shown(proc.pid, display):
            window_s = time.monotonic() - t0
            if not flag:
                deadline = time.monotonic() + hold
        elif not can_see and not flag and time.monotonic() - t0 > hold:
            break
        time.sleep(0.05)
    rc = proc.poll()
    total = time.monotonic() - t0
    if rc is None:  # still running: our own time limit (no smoke flag), or hung (with one)
        _stop(proc)
    log.write(f"\n[exit {rc if rc is not None else 'still running: closed by the smoke test'} after {total:.2f} s]\n")
    log.close()
    return {"rc": rc, "window_s": window_s, "total_s": total, "alive": rc is None}


def _stop(proc: subprocess.Popen) -> None:
    """End the app and anything it started (its own process group on POSIX)."""
    if os.name == "posix":
        os.killpg(proc.pid, signal.SIGTERM)
    else:
        proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.wait()


def check_gui(run: Runner, xvfb: Xvfb | None) -> None:
    if (ROOT / "svsg_desktop").is_dir() and not (ROOT / "svsg_desktop" / "qt" / "main.py").is_file():
        run.skip("app starts", "svsg_desktop/qt/main.py is not in the source tree yet")
        return
    demo = copy_demo(run)
    cases = [("app opens demo offscreen", None)] + ([("app opens demo under Xvfb", xvfb.display)] if xvfb else [])
    for name, display in cases:
        shot = run.work / f"app-{'xvfb' if display else 'offscreen'}.png"
        flag = gui_smoke_args(run, demo, shot)
        run.figures["app smoke mode"] = " ".join(flag or ["none in this build: started, watched, closed"])
        r = start_gui(run, name, display, flag)
        if flag:
            ok, detail = r["rc"] == 0, f"exit {r['rc']}"
            if "--screenshot" in flag:
                ok = ok and shot.is_file() and shot.stat().st_size > 1000
                detail += f", window picture {shot.stat().st_size if shot.is_file() else 0} bytes"
        else:
            ok, detail = r["alive"], ("still running" if r["alive"] else f"died early, exit {r['rc']}")
        if display is not None:
            ok = ok and r["window_s"] is not None
            detail += f", window shown after {r['window_s']:.2f} s" if r["window_s"] else ", no window shown"
        run.record(name, ok, r["total_s"], detail)
    # the app's own rotating log file (in the user's data folder) is scanned with the others
    for i, log in enumerate(sorted(run.home.rglob("*.log*"))):
        shutil.copy2(log, run.logs / f"app-file-{i}-{log.name}.log")


# --- the command line on the demo -------------------------------------------------------------------------------
def cli_commands(run: Runner) -> list[str]:
    """Sub-command names from ``svsg --help`` (argparse lists each, indented, under the positional arguments)."""
    proc = run.run("CLI --help", [run.exe("svsg"), "--help"], env=run.env(), timeout=60)
    text = proc.stdout if proc else ""
    m = re.search(r"\{([\w,-]+)\}", text)
    if m:
        return m.group(1).split(",")
    return re.findall(r"^ {4}([a-z][\w-]*)(?: |$)", text, flags=re.MULTILINE)


def copy_demo(run: Runner) -> Path | None:
    src = demo_video(run)
    if src is None:
        return None
    dst = run.work / "demo"
    shutil.copytree(src.parent, dst, dirs_exist_ok=True)  # a user's copy: the bundle itself stays read-only
    return dst


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def check_cli_pipeline(run: Runner) -> None:
    commands = cli_commands(run)
    run.figures["CLI commands"] = ", ".join(commands)
    svsg = run.exe("svsg")
    if "models" in commands:
        run.run("CLI: models list (bundled, verified)", [svsg, "models", "list"], env=run.env())
    demo = copy_demo(run)
    if demo is None:
        run.fail("CLI pipeline", "no demo episode in the bundle")
        return
    out = run.work / "out"
    out.mkdir(exist_ok=True)
    if "label" not in commands:
        if (ROOT / "svsg_desktop" / "cli").is_dir() and not (ROOT / "svsg_desktop" / "cli" / "label.py").is_file():
            run.skip("CLI: label + export", "svsg_desktop/cli/label.py is not in the source tree yet")
        else:
            run.fail("CLI: label", "this build has no `svsg label` command")
        return
    project = out / "demo.svsg.csv"
    proc = run.run("CLI: label demo (extract + cluster)",
                   [svsg, "label", str(demo / "demo.mp4"), "--subs", str(demo / "demo.srt"), "--out", str(project),
                    "--cache", str(out / "cache")], env=run.env(), timeout=900)
    if proc is None or proc.returncode != 0:
        return
    csv_path = project  # the project CSV is what `svsg label` writes; `svsg export` (when present) makes others
    if "export" in commands:
        csv_path = out / "demo_labels.csv"
        run.run("CLI: export CSV", [svsg, "export", str(project), "--format", "csv", "--out", str(csv_path)],
                env=run.env(), timeout=120)
        haruhi = out / "demo_haruhi.csv"
        if run.run("CLI: export Chat-Haruhi CSV", [svsg, "export", str(project), "--format", "haruhi-csv",
                                                   "--out", str(haruhi)], env=run.env(), timeout=120):
            rows = read_csv(haruhi) if haruhi.is_file() else []
            run.record("Chat-Haruhi CSV readable", bool(rows) and "人物" in rows[0], 0.0,
                       f"{len(rows)} rows, columns {list(rows[0]) if rows else []}")
    rows = read_csv(csv_path) if csv_path.is_file() else []
    labeled = [r for r in rows if r.get("speaker") or r.get("cluster")]
    groups = {r.get("speaker") or r.get("cluster") for r in labeled}
    run.record("exported CSV has labeled lines", bool(rows) and len(labeled) == len(rows) and len(groups) > 1, 0.0,
               f"{len(labeled)}/{len(rows)} lines in {len(groups)} groups -> {csv_path.name}")
    truth = demo / "demo_truth.csv"
    if truth.is_file() and labeled:  # how pure the groups are against the demo's ground truth (a figure, no gate)
        who = {r["start"]: r["speaker"] for r in read_csv(truth) if r.get("speaker")}
        by_group: dict[str, list[str]] = {}
        for r in labeled:
            if r.get("start") in who:
                by_group.setdefault(r.get("speaker") or r.get("cluster"), []).append(who[r["start"]])
        matched = sum(len(v) for v in by_group.values())
        pure = sum(max(v.count(s) for s in set(v)) for v in by_group.values())
        run.figures["demo labels vs truth (frozen CLI)"] = \
            f"{matched} lines matched by time, group purity {pure / max(1, matched):.0%}, {len(by_group)} groups " \
            f"for {len(set(who.values()))} true speakers"


def check_codec_outside_ffmpeg(run: Runner) -> None:
    """A video whose picture codec (FFV1) the bundle's decode-only FFmpeg leaves out, with AAC sound: the frozen
    CLI must label it from the voice alone (the image marked undecodable), not crash (PyAV 12 has no codec
    context for such a stream; decoding it anyway segfaults)."""
    src = ROOT / "installer" / "smoke_data"
    if not (src / "ffv1_aac.mkv").is_file():
        run.skip("CLI: codec outside the bundle's FFmpeg", "installer/smoke_data/ffv1_aac.mkv is missing")
        return
    odd = run.work / "odd"
    shutil.copytree(src, odd, dirs_exist_ok=True)
    out = run.work / "out" / "ffv1_aac.svsg.csv"
    out.parent.mkdir(exist_ok=True)
    proc = run.run("CLI: codec outside the bundle's FFmpeg", [run.exe("svsg"), "label", str(odd / "ffv1_aac.mkv"),
                   "--subs", str(odd / "ffv1_aac.srt"), "--out", str(out), "--cache", str(odd / "cache")],
                   env=run.env(), timeout=300)
    if proc is not None and proc.returncode == 0:
        rows = read_csv(out) if out.is_file() else []
        ok = len(rows) == 2 and all(r.get("cluster") for r in rows)
        run.results[-1].update(ok=ok, detail=f"{len(rows)} lines labelled from the voice (FFV1 video, AAC audio)")

