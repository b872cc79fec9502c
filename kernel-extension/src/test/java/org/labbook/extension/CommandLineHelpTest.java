package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.cli.LabbookCommand;

/** The subcommands this module adds to {@code labbook} answer --help and -h like the kernel's own. */
class CommandLineHelpTest {

    @Test
    void everyAddedCommandAnswersHelpWithItsExitCodes() {
        String[][] commands = {{"reproduce"}, {"report"}, {"store"}, {"store", "init"}};
        for (String[] command : commands) {
            for (String flag : new String[]{"--help", "-h"}) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                String[] args = new String[command.length + 1];
                System.arraycopy(command, 0, args, 0, command.length);
                args[command.length] = flag;

                int code = LabbookCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);

                String name = String.join(" ", command);
                assertThat(code).as(name + " " + flag).isZero();
                assertThat(out.toString()).as(name + " " + flag).startsWith("Usage: labbook " + name)
                        .contains("Exit codes:");
                assertThat(err.toString()).isEmpty();
            }
        }
    }

    @Test
    void topLevelHelpListsTheAddedCommands() {
        StringWriter out = new StringWriter();
        assertThat(LabbookCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "--help"))
                .isZero();
        assertThat(out.toString()).contains("reproduce", "report", "store");
    }
}
