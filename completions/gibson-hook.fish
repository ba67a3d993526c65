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
        case 'config'
            __gibson-hook_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'show'
                __gibson-hook_parse_subcommand 0 'config=' 'set=+' 'json' 'version' 'h/help'
            case 'check'
                __gibson-hook_parse_subcommand 0 'config=' 'set=+' 'json' 'version' 'h/help'
            end
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
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'config' -d 'Show or check the configuration.'
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_positional "gibson-hook" -eq 1' -fa 'help' -d 'Show subcommand help information.'
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
complete -c 'gibson-hook' -n '__gibson-hook_should_offer_completions_for_flags_or_options "gibson-hook help" version' -l 'version' -d 'Show the version.'
