import GibsonHookCLI

GibsonHookCommand.main()
