package org.labbook.context.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** JSON for what the capture package records, written with sorted keys so that equal facts give equal bytes. */
public final class CaptureJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    private CaptureJson() {
    }

    public static byte[] environment(EnvironmentInfo info) {
        ObjectNode node = NODES.objectNode();
        node.put("javaVersion", info.javaVersion());
        node.put("javaVendor", info.javaVendor());
        node.put("javaVm", info.javaVm());
        node.put("os", info.os());
        node.put("arch", info.arch());
        node.put("cpus", info.cpus());
        node.put("maxHeapBytes", info.maxHeapBytes());
        node.put("hostName", info.hostName());
        node.put("user", info.user());
        node.put("kernelVersion", info.kernelVersion());
        ArrayNode gpus = node.putArray("gpus");
        info.gpus().forEach(gpu -> gpus.addObject().put("index", gpu.index()).put("name", gpu.name())
                .put("memoryTotal", gpu.memoryTotal()).put("driverVersion", gpu.driverVersion()).put("uuid", gpu.uuid()));
        ObjectNode environment = node.putObject("environment");
        info.environment().forEach(environment::put);
        ArrayNode classpath = node.putArray("classpath");
        info.classpath().forEach(item -> {
            ObjectNode entry = classpath.addObject().put("path", item.path()).put("size", item.size());
            item.maven().ifPresent(maven -> entry.put("maven", maven));
            item.sha256().ifPresent(sha -> entry.put("sha256", sha));
        });
        return write(node);
    }

    public static EnvironmentInfo environment(byte[] json) {
        JsonNode node = read(json);
        List<GpuInfo> gpus = new ArrayList<>();
        node.path("gpus").forEach(g -> gpus.add(new GpuInfo(g.path("index").asInt(), g.path("name").asText(),
                g.path("memoryTotal").asText(), g.path("driverVersion").asText(), g.path("uuid").asText())));
        Map<String, String> environment = new TreeMap<>();
        node.path("environment").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        List<ClasspathItem> classpath = new ArrayList<>();
        node.path("classpath").forEach(c -> classpath.add(new ClasspathItem(c.path("path").asText(),
                optional(c, "maven"), optional(c, "sha256"), c.path("size").asLong())));
        return new EnvironmentInfo(node.path("javaVersion").asText(), node.path("javaVendor").asText(),
                node.path("javaVm").asText(), node.path("os").asText(), node.path("arch").asText(),
                node.path("cpus").asInt(), node.path("maxHeapBytes").asLong(), node.path("hostName").asText(),
                node.path("user").asText(), node.path("kernelVersion").asText(), gpus, environment, classpath);
    }

    public static byte[] codeVersion(CodeVersion version) {
        ObjectNode node = NODES.objectNode();
        node.put("root", version.root());
        node.put("commit", version.commit());
        node.put("branch", version.branch());
        node.put("remoteUrl", version.remoteUrl());
        node.put("dirty", version.dirty());
        node.put("diff", version.diff());
        node.put("diffCut", version.diffCut());
        ArrayNode untracked = node.putArray("untracked");
        version.untracked().forEach(untracked::add);
        return write(node);
    }

    public static CodeVersion codeVersion(byte[] json) {
        JsonNode node = read(json);
        List<String> untracked = new ArrayList<>();
        node.path("untracked").forEach(u -> untracked.add(u.asText()));
        return new CodeVersion(node.path("root").asText(), node.path("commit").asText(), node.path("branch").asText(),
                node.path("remoteUrl").asText(), node.path("dirty").asBoolean(), node.path("diff").asText(),
                node.path("diffCut").asBoolean(), untracked);
    }

    private static Optional<String> optional(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse(""), e);
        }
    }
}
