package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.labbook.tracking.spi.MetricColumns;
import org.labbook.tracking.spi.Validation;

/** Every limit and rule on keys, values and names gives one clear line naming value, rule and fix. */
class ValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"loss", "val_loss", "train/loss", "a-b.c", "batch size", "L2 norm/layer.3", "x"})
    void keysOfLettersDigitsUnderscoreDashPeriodSlashAndSpaceAreAccepted(String key) {
        assertThatCode(() -> new Param(key, "v")).doesNotThrowAnyException();
        assertThatCode(() -> new MetricPoint(key, 1, 0, 0)).doesNotThrowAnyException();
        assertThatCode(() -> new Tag(key, "v")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"loss!", "a;b", "naïve", "tab\there", "quote'", "back`tick", "new\nline", "100%", "a=b"})
    void keyWithAForbiddenCharacterNamesTheCharacterAndTheAllowedSet(String key) {
        assertThatThrownBy(() -> new Param(key, "v")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Invalid param key")
                .hasMessageContaining("is not allowed")
                .hasMessageContaining("letters, digits, underscores (_), dashes (-), periods (.), slashes (/) and spaces");
    }

    @Test
    void emptyAndOverlongKeysAreRejected() {
        assertThatThrownBy(() -> new MetricPoint("", 1, 0, 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("empty");
        assertThatCode(() -> new Param("k".repeat(250), "v")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Param("k".repeat(251), "v")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("251 characters").hasMessageContaining("limit is 250");
    }

    @Test
    void keysThatEscapeOrAreBlankAreRejected() {
        assertThatThrownBy(() -> new Tag("/abs", "v")).isInstanceOf(ValidationException.class).hasMessageContaining("'/'");
        assertThatThrownBy(() -> new Tag("a/../b", "v")).isInstanceOf(ValidationException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new Tag("   ", "v")).isInstanceOf(ValidationException.class);
    }

    @Test
    void paramValueUpTo6000CharactersIsAcceptedAndLongerIsRejected() {
        assertThatCode(() -> new Param("k", "v".repeat(6000))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Param("k", "v".repeat(6001))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("6001 characters").hasMessageContaining("limit is 6000")
                .hasMessageContaining("artifact");
    }

    @Test
    void tagValueUpTo8000CharactersIsAcceptedAndLongerIsRejected() {
        assertThatCode(() -> new Tag("k", "v".repeat(8000))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Tag("k", "v".repeat(8001))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit is 8000");
    }

    @Test
    void longValuesAreShortenedInMessagesToOneLine() {
        assertThatThrownBy(() -> new Param("k", "line\n".repeat(2000))).satisfies(e -> {
            assertThat(e.getMessage()).doesNotContain("\n");
            assertThat(e.getMessage().length()).isLessThan(300);
        });
    }

    @Test
    void nullParamValueIsRejectedNamingTheKey() {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("lr", null);
        assertThatThrownBy(() -> Param.of("lr", null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'lr'").hasMessageContaining("null");
        assertThat(params).containsKey("lr");
    }

    @Test
    void paramValuesFromNumbersAndBooleansArePlainText() {
        assertThat(Param.of("a", 0.001).value()).isEqualTo("0.001");
        assertThat(Param.of("a", 64).value()).isEqualTo("64");
        assertThat(Param.of("a", true).value()).isEqualTo("true");
        assertThat(Param.of("a", new java.math.BigDecimal("1E-3")).value()).isEqualTo("0.001");
    }

    @Test
    void experimentAndRunNamesMayHoldSlashesButNoControlCharactersOrEdgeSpaces() {
        assertThatCode(() -> Validation.name("experiment name", "fraud/baseline v2")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Validation.name("experiment name", "")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Validation.name("run name", "a\u0007b")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> Validation.name("run name", " padded")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("whitespace");
        assertThatThrownBy(() -> Validation.name("run name", "n".repeat(251))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit is 250");
    }

    @Test
    void artifactRefsRequireAValidHashAndSize() {
        assertThatThrownBy(() -> new ArtifactRef("r", "a.bin", "xyz", 1, Instant.EPOCH))
                .isInstanceOf(ValidationException.class).hasMessageContaining("64 hexadecimal digits");
        assertThatThrownBy(() -> new ArtifactRef("r", "a.bin", "a".repeat(64), -1, Instant.EPOCH))
                .isInstanceOf(ValidationException.class).hasMessageContaining(">= 0");
    }

    @Test
    void runStatusParsesNamesAndListsTheValidOnes() {
        assertThat(RunStatus.parse("crashed")).isEqualTo(RunStatus.CRASHED);
        assertThatThrownBy(() -> RunStatus.parse("DONE")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("RUNNING, FINISHED, FAILED, KILLED, CRASHED");
    }

    @Test
    void queryLimitsAndOptionsAreChecked() {
        assertThatThrownBy(() -> RunQuery.all().limit(0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> TrackerOptions.defaults().withHeartbeat(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("longer than the heartbeat interval");
        assertThatThrownBy(() -> TrackerOptions.defaults().withBufferCapacity(1)).isInstanceOf(ValidationException.class);
    }

    @Test
    void metricBatchesMustFitTheirArrays() {
        assertThatThrownBy(() -> new MetricColumns("r", "k", new long[1], new long[1], new double[1], 2))
                .isInstanceOf(ValidationException.class).hasMessageContaining("does not fit");
    }

    @Test
    void everyErrorOfTheLibraryIsATrackingExceptionWithAShortName() {
        List<TrackingException> errors = List.of(new ValidationException("x"), new ParamConflictException("r", "k", "a", "b"),
                new NotFoundException("x"), new AmbiguousReferenceException("ab", List.of("ab1", "ab2")), new StoreException("x"));
        assertThat(errors).allSatisfy(e -> assertThat(e).isInstanceOf(RuntimeException.class));
        assertThat(errors.get(1).ename()).isEqualTo("ParamConflictException");
    }
}
