# Trimmed: only the version line.
__VERSION__ = "23.4.4"
