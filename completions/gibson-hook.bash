#!/bin/bash

__gibson-hook_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__gibson-hook_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__gibson-hook_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__gibson-hook_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_gibson-hook() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __gibson-hook_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    install|uninstall|status|pre-commit|post-commit|pre-push|post-merge|post-checkout|post-rewrite|context|config|emit|flush|topics|outbox|health|validate|infra-ready|workflow|metrics|state|service|listen|help)
        # Offer subcommand argument completions
        "_gibson-hook_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'install uninstall status pre-commit post-commit pre-push post-merge post-checkout post-rewrite context config emit flush topics outbox health validate infra-ready workflow metrics state service listen help' -- "${cur}"))
        ;;
    esac
}

_gibson-hook_install() {
    repeating_flags=()
    non_repeating_flags=(--force --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--hooks --binary)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--hooks')
        __gibson-hook_add_completions -W 'all'$'\n''pre-commit'$'\n''post-commit'$'\n''pre-push'$'\n''post-merge'$'\n''post-checkout'$'\n''post-rewrite'
        return
        ;;
    '--binary')
        return
        ;;
    esac
}

_gibson-hook_uninstall() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--hooks)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--hooks')
        __gibson-hook_add_completions -W 'all'$'\n''pre-commit'$'\n''post-commit'$'\n''pre-push'$'\n''post-merge'$'\n''post-checkout'$'\n''post-rewrite'
        return
        ;;
    esac
}

_gibson-hook_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_pre-commit() {
    repeating_flags=()
    non_repeating_flags=(--json --no-cache --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options -1
}

_gibson-hook_post-commit() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options -1
}

_gibson-hook_pre-push() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options -1
}

_gibson-hook_post-merge() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options -1
}

_gibson-hook_post-checkout() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options -1
}

_gibson-hook_post-rewrite() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options -1
}

_gibson-hook_context() {
    repeating_flags=()
    non_repeating_flags=(--json --no-files --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options 0
}

_gibson-hook_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|check)
        # Offer subcommand argument completions
        "_gibson-hook_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show check' -- "${cur}"))
        ;;
    esac
}

_gibson-hook_config_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_config_check() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_emit() {
    repeating_flags=()
    non_repeating_flags=(--ndjson --wait --strict --json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--type --data --topic --key --source --subject --on-error --deadline --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--type')
        return
        ;;
    '--data')
        return
        ;;
    '--topic')
        return
        ;;
    '--key')
        return
        ;;
    '--source')
        return
        ;;
    '--subject')
        return
        ;;
    '--on-error')
        __gibson-hook_add_completions -W 'skip'$'\n''reject'
        return
        ;;
    '--deadline')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_flush() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--deadline --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--deadline')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_topics() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check|apply)
        # Offer subcommand argument completions
        "_gibson-hook_topics_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check apply' -- "${cur}"))
        ;;
    esac
}

_gibson-hook_topics_check() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_topics_apply() {
    repeating_flags=()
    non_repeating_flags=(--fix --json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_outbox() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|retry|purge|recover)
        # Offer subcommand argument completions
        "_gibson-hook_outbox_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show retry purge recover' -- "${cur}"))
        ;;
    esac
}

_gibson-hook_outbox_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--state --sink --limit --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state')
        __gibson-hook_add_completions -W 'pending'$'\n''delivered'$'\n''dead'
        return
        ;;
    '--sink')
        __gibson-hook_add_completions -W 'kafka'$'\n''cloudevents'$'\n''temporal'
        return
        ;;
    '--limit')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_outbox_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--source --config)
    __gibson-hook_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--source')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_outbox_retry() {
    repeating_flags=()
    non_repeating_flags=(--all-dead --json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_outbox_purge() {
    repeating_flags=()
    non_repeating_flags=(--dead --delivered --all --yes --json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_outbox_recover() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_health() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --json --watch --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--timeout --rounds --metrics-listen --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--timeout')
        return
        ;;
    '--rounds')
        return
        ;;
    '--metrics-listen')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_validate() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_infra-ready() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--wait --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--wait')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_workflow() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    start)
        # Offer subcommand argument completions
        "_gibson-hook_workflow_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'start' -- "${cur}"))
        ;;
    esac
}

_gibson-hook_workflow_start() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __gibson-hook_add_completions -W 'activation'$'\n''recovery'$'\n''scaling'
        return
        ;;
    esac
}

_gibson-hook_metrics() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--textfile --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--textfile')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_state() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    backup|list|restore|prune)
        # Offer subcommand argument completions
        "_gibson-hook_state_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'backup list restore prune' -- "${cur}"))
        ;;
    esac
}

_gibson-hook_state_backup() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_state_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_state_restore() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_state_prune() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--keep --older-than --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--keep')
        return
        ;;
    '--older-than')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_service() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    install|uninstall|status)
        # Offer subcommand argument completions
        "_gibson-hook_service_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'install uninstall status' -- "${cur}"))
        ;;
    esac
}

_gibson-hook_service_install() {
    repeating_flags=()
    non_repeating_flags=(--user --system --launchd --systemd --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--output --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_service_uninstall() {
    repeating_flags=()
    non_repeating_flags=(--user --system --launchd --systemd --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--output --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_service_status() {
    repeating_flags=()
    non_repeating_flags=(--user --system --launchd --systemd --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--output --config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        return
        ;;
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_listen() {
    repeating_flags=()
    non_repeating_flags=(--once --json --version -h --help)
    repeating_options=(--set)
    non_repeating_options=(--config)
    __gibson-hook_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--set')
        return
        ;;
    esac
}

_gibson-hook_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __gibson-hook_offer_flags_options -1
}

complete -o filenames -F _gibson-hook gibson-hook
