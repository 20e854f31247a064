"""District and national dashboards over the analysed waves (read-only)."""
