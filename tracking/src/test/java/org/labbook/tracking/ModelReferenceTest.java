package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.labbook.tracking.testkit.Fuzz;

/** How {@code NAME@alias}, {@code NAME/3} and {@code NAME} are read, and how bad ones are refused. */
class ModelReferenceTest {

    @Test
    void readsAnAliasAVersionOrTheLatest() {
        assertThat(ModelReference.parse("fraud-detector@production"))
                .isEqualTo(new ModelReference("fraud-detector", Optional.of("production"), OptionalInt.empty()));
        assertThat(ModelReference.parse(" fraud-detector/3 "))
                .isEqualTo(new ModelReference("fraud-detector", Optional.empty(), OptionalInt.of(3)));
        assertThat(ModelReference.parse("fraud_v2.1"))
                .isEqualTo(new ModelReference("fraud_v2.1", Optional.empty(), OptionalInt.empty()));
    }

    @Test
    void badReferencesSayWhatIsWrongAndHowToWriteOne() {
        assertThatThrownBy(() -> ModelReference.parse("")).hasMessageContaining("NAME@ALIAS");
        assertThatThrownBy(() -> ModelReference.parse("fraud@3")).hasMessageStartingWith("Invalid alias '3'");
        assertThatThrownBy(() -> ModelReference.parse("fraud/0")).hasMessageContaining("numbered from 1");
        assertThatThrownBy(() -> ModelReference.parse("fraud/x")).hasMessageStartingWith("Invalid version 'x'");
        assertThatThrownBy(() -> ModelReference.parse("fr aud@prod")).hasMessageStartingWith("Invalid model name 'fr aud'");
        assertThatThrownBy(() -> ModelReference.parse("@prod")).hasMessageStartingWith("Invalid model name: it is empty");
    }

    @Test
    void anyTextIsAReferenceThatPrintsBackOrOneLineOfRefusal(TestInfo test) {
        String alphabet = "ab9_-.@/ \n\t'\"é0";
        Fuzz.forTest(test).forAllTexts(2000, random -> {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }, text -> {
            ModelReference parsed;
            try {
                parsed = ModelReference.parse(text);
            } catch (ValidationException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                return;
            }
            assertThat(ModelReference.parse(parsed.toString())).isEqualTo(parsed);
        });
    }
}
