"""electoral: the United States presidential election machinery as code."""
