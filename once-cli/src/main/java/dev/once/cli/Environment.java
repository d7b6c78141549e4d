package dev.once.cli;

import java.io.PrintWriter;

/**
 * What a command runs against: its output streams, its stores, and whether a person watches (then
 * it shows a progress bar). Tests pass their own.
 *
 * @param out the command's results
 * @param err messages, and the progress bar
 * @param stores how stores are opened
 * @param terminal true when standard output is a terminal
 */
record Environment(PrintWriter out, PrintWriter err, StoreFactory stores, boolean terminal) {}
