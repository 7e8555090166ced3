from pcdesk.app import main

raise SystemExit(main())
