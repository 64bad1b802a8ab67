"""Maps: state shapes, what each unit shows, and SVG rendering. Below the pipeline's results
and the web app alike: both hand it a view."""
