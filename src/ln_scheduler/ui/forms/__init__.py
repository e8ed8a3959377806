"""Python modules generated from forms/*.ui by forms/build.py."""
