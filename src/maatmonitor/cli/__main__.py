from maatmonitor.cli import main

main()
