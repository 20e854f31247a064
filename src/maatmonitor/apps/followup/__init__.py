"""Closing the loop: signals handled as "gezien, gehoord, geholpen" and improvement initiatives."""
