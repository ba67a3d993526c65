function __gibson-hook_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __gibson-hook_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __gibson-hook_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __gibson-hook_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __gibson-hook_parse_tokens -S
    set -l unparsed_tokens (__gibson-hook_tokens -pc)
    switch $unparsed_tokens[1]
    case 'gibson-hook'
        __gibson-hook_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'install'
            __gibson-hook_parse_subcommand 0 'hooks=' 'force' 'binary=' 'json' 'version' 'h/help'
        case 'uninstall'
            __gibson-hook_parse_subcommand 0 'hooks=' 'json' 'version' 'h/help'
        case 'status'
            __gibson-hook_parse_subcommand 0 'json' 'config=' 'set=+' 'version' 'h/help'
        case 'pre-commit'
            __gibson-hook_parse_subcommand -r 1 'json' 'no-cache' 'version' 'h/help'
        case 'post-commit'
            __gibson-hook_parse_subcommand -r 1 'json' 'version' 'h/help'
        case 'pre-push'
            __gibson-hook_parse_subcommand -r 1 'json' 'version' 'h/help'
        case 'post-merge'
            __gibson-hook_parse_subcommand -r 1 'json' 'version' 'h/help'
        case 'post-checkout'
            __gibson-hook_parse_subcommand -r 1 'json' 'version' 'h/help'
        case 'post-rewrite'
            __gibson-hook_parse_subcommand -r 1 'json' 'version' 'h/help'
        case 'context'
            __gibson-hook_parse_subcommand 0 'json' 'no-files' 'version' 'h/help'
        case 'config'
            __gibson-hook_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'show'
                __gibson-hook_parse_subcommand 0 'config=' 'set=+' 'json' 'version' 'h/help'
            case 'check'
                __gibson-hook_parse_subcommand 0 'config=' 'set=+' 'json' 'version' 'h/help'
            end
        case 'emit'
            __gibson-hook_parse_subcommand 0 'type=' 'data=' 'topic=' 'key=' 'source=' 'subject=' 'ndjson' 'on-error=' 'wait' 'strict' 'deadline=' 'json' 'config=' 'set=+' 'version' 'h/help'
        case 'flush'
            __gibson-hook_parse_subcommand 0 'deadline=' 'json' 'config=' 'set=+' 'version' 'h/help'
        case 'topics'
            __gibson-hook_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __gibson-hook_parse_subcommand 0 'json' 'config=' 'set=+' 'version' 'h/help'
            case 'apply'
                __gibson-hook_parse_subcommand 0 'fix' 'json' 'config=' 'set=+' 'version' 'h/help'
            end
        case 'outbox'
            __gibson-hook_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __gibson-hook_parse_subcommand 0 'state=' 'sink=' 'limit=' 'json' 'config=' 'set=+' 'version' 'h/help'
            case 'show'
                __gibson-hook_parse_subcommand 1 'source=' 'json' 'config=' 'set=+' 'version' 'h/help'
            case 'retry'
                __gibson-hook_parse_subcommand -r 1 'all-dead' 'json' 'config=' 'set=+' 'version' 'h/help'
            case 'purge'
                __gibson-hook_parse_subcommand 0 'dead' 'delivered' 'all' 'yes' 'json' 'config=' 'set=+' 'version' 'h/help'
            case 'recover'
                __gibson-hook_parse_subcommand 1 'json' 'config=' 'set=+' 'version' 'h/help'
            end
        case 'health'
            __gibson-hook_parse_subcommand 0 'no-cache' 'timeout=' 'json' 'watch' 'rounds=' 'metrics-listen=' 'config=' 'set=+' 'version' 'h/help'
        case 'validate'
            __gibson-hook_parse_subcommand 0 'json' 'config=' 'set=+' 'version' 'h/help'
        case 'infra-ready'
            __gibson-hook_parse_subcommand 0 'json' 'wait=' 'config=' 'set=+' 'version' 'h/help'
        case 'workflow'
            __gibson-hook_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'start'
                __gibson-hook_parse_subcommand 1 'json' 'config=' 'set=+' 'version' 'h/help'
            end
        case 'metrics'
            __gibson-hook_parse_subcommand 0 'textfile=' 'config=' 'set=+' 'version' 'h/help'
        case 'state'
            __gibson-hook_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'backup'
                __gibson-hook_parse_subcommand 0 'json' 'config=' 'set=+' 'version' 'h/help'
            case 'list'
                __gibson-hook_parse_subcommand 0 'json' 'config=' 'set=+' 'version' 'h/help'
            case 'restore'
                __gibson-hook_parse_subcommand 1 'json' 'config=' 'set=+' 'version' 'h/help'
            case 'prune'
                __gibson-hook_parse_subcommand 0 'keep=' 'older-than=' 'json' 'config=' 'set=+' 'version' 'h/help'
            end
        case 'service'
            __gibson-hook_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'install'
                __gibson-hook_parse_subcommand 0 'user' 'system' 'output=' 'launchd' 'systemd' 'config=' 'set=+' 'version' 'h/help'
            case 'uninstall'
                __gibson-hook_parse_subcommand 0 'user' 'system' 'output=' 'launchd' 'systemd' 'config=' 'set=+' 'version' 'h/help'
            case 'status'
                __gibson-hook_parse_subcommand 0 'user' 'system' 'output=' 'launchd' 'systemd' 'config=' 'set=+' 'version' 'h/help'
            end
        case 'listen'
            __gibson-hook_parse_subcommand 0 'once' 'json' 'config=' 'set=+' 'version' 'h/help'
        case 'help'
            __gibson-hook_parse_subcommand -r 1 'version'
        end
    end
end

function __gibson-hook_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __gibson-hook_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __gibson-hook_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __gibson-hook_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__gibson-hook_tokens -p)
    if test -z "$(__gibson-hook_tokens -t)"
        set -l index (count (__gibson-hook_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'gibson-hook' -f
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'install' -d 'Install the git hook shims into this repository.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'uninstall' -d 'Remove the gibson-hook shims and restore the hooks they replaced.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'status' -d 'Show Gibson\'s health, the outbox, the hooks and the service on one screen.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'pre-commit' -d 'The health gate: exit 0 when gibson is healthy (or cached healthy), else recover and re-check; 1 when it stays broken.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'post-commit' -d 'Store the commit event, deliver it in the background, run hooks.postCommitActions.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'pre-push' -d 'Store the push event (refs from stdin); run the health gate too when hooks.prePushHealthGate is set.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'post-merge' -d 'Store the merge event.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'post-checkout' -d 'Store a project context switch event when a branch is checked out (file checkouts emit nothing).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'post-rewrite' -d 'Store the rewrite event (amend or rebase; old and new commits from stdin).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'context' -d 'Show the repository, HEAD commit, staged files and remote, read with libgit2.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'config' -d 'Show or check the configuration.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'emit' -d 'Store events in the durable outbox and print their ids.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'flush' -d 'Deliver pending events to the configured sinks.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'topics' -d 'Compare or create the configured Kafka topics (topics.<name>).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'outbox' -d 'Inspect and manage the durable event outbox.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'health' -d 'Check that the Gibson CLI is healthy.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'validate' -d 'Check configuration, Gibson health, services, sinks and hooks.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'infra-ready' -d 'Probe the infrastructure services, then activate Gibson.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'workflow' -d 'Start the Gibson workflows (remote engine first, local fallback).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'metrics' -d 'Print Prometheus metrics (text exposition format).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'state' -d 'Back up and restore Gibson\'s state directory (gibson.stateDirectory).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'service' -d 'Install systemd units (launchd jobs on macOS) that run health --watch and infra-ready at start-up.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'listen' -d 'Receive CloudEvents from other machines and fire eventTriggers on them.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook install" hooks' -l 'hooks' -d 'Comma-separated hooks to wire, or \'all\' (pre-commit, post-commit, pre-push, post-merge, post-checkout, post-rewrite).' -rfka 'all pre-commit post-commit pre-push post-merge post-checkout post-rewrite'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook install" force' -l 'force' -d 'Rewrite current shims too, and chain a foreign hook even when an older backup exists (kept under a numbered name).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook install" binary' -l 'binary' -d 'Absolute path the shims call first (default: this gibson-hook).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook install" json' -l 'json' -d 'Print the result as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook install" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook install" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook uninstall" hooks' -l 'hooks' -d 'Comma-separated hooks to unwire, or \'all\'.' -rfka 'all pre-commit post-commit pre-push post-merge post-checkout post-rewrite'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook uninstall" json' -l 'json' -d 'Print the result as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook uninstall" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook uninstall" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook status" json' -l 'json' -d 'Print the result as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook status" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook status"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook status" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook pre-commit" json' -l 'json' -d 'Print what the hook did as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook pre-commit" no-cache' -l 'no-cache' -d 'Probe gibson even when a recent healthy result is cached.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook pre-commit" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook pre-commit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-commit" json' -l 'json' -d 'Print what the hook did as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-commit" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-commit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook pre-push" json' -l 'json' -d 'Print what the hook did as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook pre-push" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook pre-push" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-merge" json' -l 'json' -d 'Print what the hook did as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-merge" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-merge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-checkout" json' -l 'json' -d 'Print what the hook did as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-checkout" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-checkout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-rewrite" json' -l 'json' -d 'Print what the hook did as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-rewrite" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook post-rewrite" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook context" json' -l 'json' -d 'Print the documented JSON object instead of text.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook context" no-files' -l 'no-files' -d 'Leave out the changed and staged file lists (faster in huge commits).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook context" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook context" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook config" -eq 1' -fa 'show' -d 'Show the effective configuration and where each value came from (the default).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook config" -eq 1' -fa 'check' -d 'Report every configuration problem at once, with file, line and column.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config show" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config show"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config show" json' -l 'json' -d 'Print JSON: settings (each key with its value and origin), files and warnings.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config show" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config check" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config check"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config check" json' -l 'json' -d 'Print JSON: ok, error and warning counts, and every diagnostic.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config check" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook config check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" type' -l 'type' -d 'Event type, e.g. project.updated or com.example.thing.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" data' -l 'data' -d 'Event data: JSON text, or @file to read it from a file.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" topic' -l 'topic' -d 'Kafka topic (default: routed by type).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" key' -l 'key' -d 'Record key (default: the configured partition key).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" source' -l 'source' -d 'CloudEvents source (default: project.source or the host).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" subject' -l 'subject' -d 'CloudEvents subject.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" ndjson' -l 'ndjson' -d 'Read NDJSON events from stdin, one per line.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" on-error' -l 'on-error' -d 'Bad NDJSON line: skip it or reject the whole input (skip|reject).' -rfka 'skip reject'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" wait' -l 'wait' -d 'Deliver the events before returning.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" strict' -l 'strict' -d 'Reject data that breaks its type\'s JSON Schema (--data, or an --ndjson line) instead of storing it with a warning.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" deadline' -l 'deadline' -d 'With --wait: how long to try, e.g. 20s.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook emit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook flush" deadline' -l 'deadline' -d 'How long to try, e.g. 20s (default: delivery.deadline).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook flush" json' -l 'json' -d 'Print the summary as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook flush" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook flush"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook flush" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook flush" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook topics" -eq 1' -fa 'check' -d 'Compare the configured topics with the cluster\'s; exit 1 on drift.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook topics" -eq 1' -fa 'apply' -d 'Create the missing topics; with --fix, add partitions and set configs.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics check" json' -l 'json' -d 'Print the report as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics check" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics check"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics check" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics apply" fix' -l 'fix' -d 'Also add partitions to topics with fewer than configured and set configs that differ.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics apply" json' -l 'json' -d 'Print the report as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics apply" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics apply"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics apply" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook topics apply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook outbox" -eq 1' -fa 'list' -d 'List events and their delivery state per sink.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook outbox" -eq 1' -fa 'show' -d 'Show one event and its deliveries.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook outbox" -eq 1' -fa 'retry' -d 'Make dead letters pending again (delivered by the next flush).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook outbox" -eq 1' -fa 'purge' -d 'Remove dead letters, delivered events, or everything.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook outbox" -eq 1' -fa 'recover' -d 'Copy the readable events of a damaged outbox into the current one.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox list" state' -l 'state' -d 'Only rows in this state: pending, delivered or dead.' -rfka 'pending delivered dead'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox list" sink' -l 'sink' -d 'Only rows for this sink (kafka, cloudevents, temporal).' -rfka 'kafka cloudevents temporal'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox list" limit' -l 'limit' -d 'At most this many rows.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox list" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox list" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox list"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox list" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox show" source' -l 'source' -d 'The event\'s source, needed when events of several sources share the id.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox show" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox show" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox show"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox show" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox retry" all-dead' -l 'all-dead' -d 'Retry every dead letter.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox retry" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox retry" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox retry"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox retry" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox retry" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge" dead' -l 'dead' -d 'What to remove.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge" delivered' -l 'delivered' -d 'What to remove.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge" all' -l 'all' -d 'What to remove.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge" yes' -l 'yes' -d 'Confirm removing everything, pending events included (needed with --all).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox purge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox recover" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox recover" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox recover"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox recover" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook outbox recover" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" no-cache' -l 'no-cache' -d 'Probe even when a cached healthy result is fresh.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" timeout' -l 'timeout' -d 'Timeout of each probe, e.g. 5s (overrides gibson.timeout).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" json' -l 'json' -d 'Print the report as JSON (with --watch: one JSON object per line).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" watch' -l 'watch' -d 'Keep monitoring every gibson.healthCheckInterval, recovering Gibson when it breaks.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" rounds' -l 'rounds' -d 'With --watch, stop after this many rounds (default: run until stopped).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" metrics-listen' -l 'metrics-listen' -d 'With --watch, serve Prometheus metrics on http://HOST:PORT/metrics (e.g. 127.0.0.1:9464).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook health" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook validate" json' -l 'json' -d 'Print the report as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook validate" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook validate"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook validate" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook infra-ready" json' -l 'json' -d 'Print the report as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook infra-ready" wait' -l 'wait' -d 'Wait up to this long (e.g. 5m) for the required services, probing again after 1s, 2s, 4s … (at most 15s apart).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook infra-ready" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook infra-ready"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook infra-ready" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook infra-ready" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook workflow" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook workflow" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook workflow" -eq 1' -fa 'start' -d 'Start gibson-activation-, gibson-recovery- or gibson-scaling-workflow.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook workflow start" -eq 1' -fka 'activation recovery scaling'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook workflow start" json' -l 'json' -d 'Print the report as JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook workflow start" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook workflow start"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook workflow start" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook workflow start" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook metrics" textfile' -l 'textfile' -d 'Write the metrics to this file atomically instead of printing them.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook metrics" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook metrics"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook metrics" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook metrics" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook state" -eq 1' -fa 'backup' -d 'Back up Gibson\'s state directory now.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook state" -eq 1' -fa 'list' -d 'List the state backups, oldest first.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook state" -eq 1' -fa 'restore' -d 'Restore a state backup (verified first; the current state is backed up).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook state" -eq 1' -fa 'prune' -d 'Remove old state backups.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state backup" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state backup" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state backup"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state backup" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state backup" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state list" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state list" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state list"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state list" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state restore" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state restore" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state restore"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state restore" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state restore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state prune" keep' -l 'keep' -d 'How many of the newest backups to keep (default: gibson.backups.keep, 10).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state prune" older-than' -l 'older-than' -d 'Also remove backups older than this, e.g. 30d or 12h (default: gibson.backups.maxAge).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state prune" json' -l 'json' -d 'Print JSON.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state prune" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state prune"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state prune" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook state prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook service" -eq 1' -fa 'install' -d 'Write, enable and start the units.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook service" -eq 1' -fa 'uninstall' -d 'Stop, disable and remove the units install wrote.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook service" -eq 1' -fa 'status' -d 'Show whether the units are installed and running.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install" user' -l 'user' -d 'User units in $XDG_CONFIG_HOME/systemd/user (the default).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install" system' -l 'system' -d 'System units in /etc/systemd/system (needs root).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install" output' -l 'output' -d 'Only write (or remove) the unit files in this directory; run no systemctl or launchctl.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install" launchd' -l 'launchd' -d 'launchd property lists (~/Library/LaunchAgents; the default on macOS).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install" systemd' -l 'systemd' -d 'systemd units (the default elsewhere).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service install" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall" user' -l 'user' -d 'User units in $XDG_CONFIG_HOME/systemd/user (the default).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall" system' -l 'system' -d 'System units in /etc/systemd/system (needs root).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall" output' -l 'output' -d 'Only write (or remove) the unit files in this directory; run no systemctl or launchctl.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall" launchd' -l 'launchd' -d 'launchd property lists (~/Library/LaunchAgents; the default on macOS).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall" systemd' -l 'systemd' -d 'systemd units (the default elsewhere).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service uninstall" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status" user' -l 'user' -d 'User units in $XDG_CONFIG_HOME/systemd/user (the default).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status" system' -l 'system' -d 'System units in /etc/systemd/system (needs root).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status" output' -l 'output' -d 'Only write (or remove) the unit files in this directory; run no systemctl or launchctl.' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status" launchd' -l 'launchd' -d 'launchd property lists (~/Library/LaunchAgents; the default on macOS).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status" systemd' -l 'systemd' -d 'systemd units (the default elsewhere).'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook service status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook listen" once' -l 'once' -d 'Process what arrives until the sources are idle for a second, deliver, and exit.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook listen" json' -l 'json' -d 'Print one JSON object per event and a summary object at the end.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook listen" config' -l 'config' -d 'Configuration file to use in place of the user file (also GIBSON_HOOK_CONFIG).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook listen"' -l 'set' -d 'Override one key, e.g. --set gibson.timeout=20s (repeatable; wins over every file and variable).' -rfka ''
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook listen" version' -l 'version' -d 'Show the version.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook listen" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook help" version' -l 'version' -d 'Show the version.'
