/**
 * The {@code once} command line. {@code Once} is the entry point; {@code SimulateCommand} runs the
 * example handlers under injected faults and reports duplicates ({@code Simulator}, {@code
 * Workload}, {@code Report}); {@code RecordsCommand} and {@code PurgeExpiredCommand} read and clean
 * a store.
 *
 * <p>An application, not an API: nothing is exported. A simulation runs many invocations on threads
 * at once; its tallies are thread-safe, its commands are used once.
 */
package dev.once.cli;
