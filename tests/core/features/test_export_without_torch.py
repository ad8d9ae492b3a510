"""In an install without the export extra (the frozen app), `svsg models export` says what is missing."""

import subprocess
import sys


def test_export_without_torch_is_a_model_error(repo_root, tmp_path):
    code = (
        "import sys, shutil, pathlib\n"
        "sys.modules['torch'] = None  # as if torch were not installed\n"
        "from svsg_desktop.core.errors import ModelError\n"
        "from svsg_desktop.core.models.registry import Registry\n"
        "from svsg_desktop.core.models.export import export_model\n"
        f"dst = pathlib.Path({str(tmp_path)!r})\n"
        "shutil.copy(Registry().root / 'manifest.json', dst / 'manifest.json')\n"
        "try:\n"
        "    export_model('ge2e-resemblyzer', registry=Registry(dst))\n"
        "except ModelError as e:\n"
        "    print('MODELERROR', e.code, e); sys.exit(0)\n"
        "sys.exit(3)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "export_needs_packages" in res.stdout and "torch" in res.stdout
