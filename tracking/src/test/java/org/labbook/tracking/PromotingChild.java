package org.labbook.tracking;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The program {@link ModelRegistryContract} runs in separate JVMs to promote at the same moment as
 * another process. It writes {@code ready-VERSION} in the barrier folder, waits for {@code go}, then
 * promotes VERSION of MODEL to ALIAS TIMES times, printing one line per attempt: {@code MOVED from to}
 * or {@code REFUSED}. With a GATE, each promotion also compares with the current holder of ALIAS.
 *
 * <pre>
 *   STORE BARRIER MODEL VERSION ALIAS TIMES [GATE]
 * </pre>
 */
public final class PromotingChild {
    private PromotingChild() {
    }

    public static void main(String[] args) throws Exception {
        String store = args[0];
        Path barrier = Path.of(args[1]);
        String model = args[2];
        int version = Integer.parseInt(args[3]);
        String alias = args[4];
        int times = Integer.parseInt(args[5]);
        String gate = args.length > 6 ? args[6] : null;
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false);
        try (Tracker tracker = Labbook.open(store, options)) {
            ModelRegistry models = tracker.models();
            Files.createFile(barrier.resolve("ready-" + version));
            while (!Files.exists(barrier.resolve("go"))) {
                Thread.sleep(2);
            }
            for (int i = 0; i < times; i++) {
                Promotion promotion = Promotion.of(model, version, alias);
                if (gate != null) {
                    promotion = promotion.when(gate).compareTo(alias);
                }
                try {
                    AliasMove move = models.promote(promotion);
                    System.out.println("MOVED " + move.fromVersion() + " " + move.toVersion());
                } catch (GateFailedException e) {
                    System.out.println("REFUSED");
                }
            }
        }
    }
}
