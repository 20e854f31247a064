"""Analysis results (uitkomsten): the stored :class:`WaveAnalysis` of each analysis run of a wave."""
