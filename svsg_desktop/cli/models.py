"""``svsg models``: list the models (which are active, which execution provider runs them) and export them."""

from __future__ import annotations

import argparse
import sys

from ..core.workspace import AUTO, DEVICES


def register(sub) -> None:
    p = sub.add_parser("models", help="list, verify and export the ONNX models")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION")

    ls = msub.add_parser("list", help="show every model, its state, the active ones and the execution provider")
    ls.add_argument("--device", default=AUTO, choices=DEVICES)
    ls.set_defaults(func=cmd_list)

    ex = msub.add_parser("export", help="build models: the offline defaults from installed packages, or "
                                        "ecapa/clip from your own checkpoint")
    ex.add_argument("name", nargs="?", help="model id or exporter (ge2e-resemblyzer, efficientnet-lite0, "
                                            "silero-vad, ecapa, clip); default: all offline defaults")
    ex.add_argument("--if-missing", action="store_true", help="skip models whose file already verifies")
    ex.add_argument("--checkpoint", help="ecapa: SpeechBrain embedding_model.ckpt (spkrec-ecapa-voxceleb layout)")
    ex.add_argument("--model-dir", help="clip: Hugging Face folder (openai/clip-vit-base-patch16 layout)")
    ex.set_defaults(func=cmd_export)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def cmd_list(args: argparse.Namespace) -> int:
    from svsg_desktop.core.models.registry import Registry
    from svsg_desktop.core.models.runtime import session_provider

    reg = Registry()
    active = {}
    for kind in ("voice", "image", "vad"):
        for s in reg.candidates(kind):
            if reg.status(s.id) == "ok":
                active[kind] = s.id
                break
    print(f"models folder: {reg.root}")
    print(f"{'id':<20} {'kind':<6} {'dim':>5} {'state':<10} {'active':<6} licence")
    for s in sorted(reg.specs.values(), key=lambda s: (s.kind, -s.priority, s.id)):
        st = reg.status(s.id)
        mark = "yes" if active.get(s.kind) == s.id else ""
        print(f"{s.id:<20} {s.kind:<6} {s.dim:>5} {st:<10} {mark:<6} {s.licence}")
        if st in ("missing", "corrupt") and s.default:
            print(f"{'':<20} → run `{s.export_hint()}`")
    probe = active.get("image") or active.get("voice")
    if probe:   # the provider a real session gets, not what the onnxruntime wheel lists
        provider, why = session_provider(reg.load(probe).data, name=probe, device=args.device)
        print(f"execution provider: {provider} (a real session of {probe}, --device {args.device})"
              + (f": {why}" if why else ""))
    missing = [k for k in ("voice", "image") if k not in active]
    if missing:
        print(f"no usable {' / '.join(missing)} model: run `svsg models export`", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from svsg_desktop.core.errors import InputError
    from svsg_desktop.core.models import export

    name = args.name
    if name in ("ecapa", "ecapa-tdnn"):
        if not args.checkpoint:
            raise InputError("--checkpoint PATH is required to export ECAPA-TDNN", code="missing_argument")
        from svsg_desktop.core.models.export_extra import export_ecapa

        results = {"ecapa-tdnn": export_ecapa(args.checkpoint)}
    elif name in ("clip", "clip-vit-b16"):
        if not args.model_dir:
            raise InputError("--model-dir PATH is required to export CLIP", code="missing_argument")
        from svsg_desktop.core.models.export_extra import export_clip

        results = {"clip-vit-b16": export_clip(args.model_dir)}
    else:
        results = export.export_defaults([name] if name else None, if_missing=args.if_missing)
    for mid, what in results.items():
        print(f"{mid}: {what}")
    return 0
