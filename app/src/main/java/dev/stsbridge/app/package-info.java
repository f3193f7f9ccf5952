/**
 * The {@code stsbridge} command line (picocli): {@link dev.stsbridge.app.Main} lists the subcommands; shared
 * options ({@code --data-dir}, {@code --base-url}, {@code --entity-id}), exit codes and one-line error reporting.
 */
package dev.stsbridge.app;
