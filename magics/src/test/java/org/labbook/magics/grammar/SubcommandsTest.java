package org.labbook.magics.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubcommandsTest {

    @Test
    void usageLineOfEverySubcommandMentionsEachOfItsOptions() {
        for (Subcommand s : Subcommands.TABLE) {
            assertThat(s.usage()).as(s.name()).startsWith(s.invocation());
            for (OptionSpec o : s.options()) {
                assertThat(s.usage()).as(s.name()).contains(o.name());
            }
        }
    }

    @Test
    void helpOverviewListsEverySubcommandWithItsDescription() {
        String help = Subcommands.helpOverview();
        for (Subcommand s : Subcommands.TABLE) {
            assertThat(help).contains(s.invocation()).contains(s.description());
        }
    }

    @Test
    void helpForOneSubcommandShowsItsUsageAndEveryOptionWithItsDescription() {
        for (Subcommand s : Subcommands.TABLE) {
            String help = Subcommands.helpFor(s);
            assertThat(help).startsWith("Usage: " + s.usage());
            for (OptionSpec o : s.options()) {
                assertThat(help).contains(o.synopsis()).contains(o.description());
            }
        }
    }

    @Test
    void everyCommandOfTheUserContractIsInTheTable() {
        assertThat(Subcommands.names()).contains("start", "end", "param", "metric", "tag", "note", "artifact", "dataset",
                "seed", "runs", "show", "compare", "best", "delete", "restore", "experiments", "store", "help", "params",
                "snapshot", "export", "diff", "notebook", "live", "register", "models", "promote", "demote", "lineage");
    }

    @Test
    void closestNameToleratesTyposButNotUnrelatedWords() {
        assertThat(Suggestions.closest("--experimnt", java.util.List.of("--experiment", "--tag"))).contains("--experiment");
        assertThat(Suggestions.closest("strat", Subcommands.names())).contains("start");
        assertThat(Suggestions.closest("Start", Subcommands.names())).contains("start");
        assertThat(Suggestions.closest("frobnicate", Subcommands.names())).isEmpty();
    }
}
