"""The browser app: map shapes, scenarios, SVG rendering, the saved-scenario store and the
FastAPI server (`electoral serve`). Import the submodules; this package imports nothing heavy."""
