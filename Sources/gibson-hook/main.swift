import GibsonHookCLI

GibsonHookCommand.runFromCommandLine()
