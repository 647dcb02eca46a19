"""The research report: result tables turned into a self-contained offline HTML page and figures."""
