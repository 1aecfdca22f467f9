from rasad.cli import main

raise SystemExit(main())
