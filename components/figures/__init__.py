"""Pure figure builders: tidy DataFrames and plain values in, plotly Figures out. No Dash imports here."""
