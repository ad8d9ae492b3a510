"""The thin Qt layer: widgets, adapters over core objects, the job runner. Only this package imports PySide6."""
