package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connection file a client writes before it starts the kernel.
 *
 * @param transport       "tcp" or "ipc"
 * @param ip              the address to bind
 * @param key             the HMAC key ("" disables signing)
 * @param signatureScheme must be "hmac-sha256"
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int stdinPort,
                             int iopubPort, int hbPort, String key, String signatureScheme) {

    public ConnectionInfo {
        if (!signatureScheme.isEmpty() && !signatureScheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException("Unsupported signature_scheme '" + signatureScheme
                    + "' in the connection file: Labbook signs with hmac-sha256; start it with that scheme.");
        }
    }

    /** Reads the file; a file that is missing or not a connection file is one line of {@link IllegalArgumentException}. */
    public static ConnectionInfo read(Path file) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the connection file " + file + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage()
                    + ". Pass the JSON file Jupyter wrote ({connection_file} in the kernelspec).");
        }
        for (String field : new String[]{"shell_port", "control_port", "stdin_port", "iopub_port", "hb_port"}) {
            if (!json.path(field).canConvertToInt()) {
                throw new IllegalArgumentException("The connection file " + file + " has no integer '" + field
                        + "'. Pass the JSON file Jupyter wrote ({connection_file} in the kernelspec).");
            }
        }
        return new ConnectionInfo(json.path("transport").asText("tcp"), json.path("ip").asText("127.0.0.1"),
                json.get("shell_port").asInt(), json.get("control_port").asInt(), json.get("stdin_port").asInt(),
                json.get("iopub_port").asInt(), json.get("hb_port").asInt(), json.path("key").asText(""),
                json.path("signature_scheme").asText("hmac-sha256"));
    }

    /** The ZeroMQ endpoint for a port, e.g. {@code tcp://127.0.0.1:5555} or {@code ipc://kernel-5555}. */
    public String endpoint(int port) {
        return transport.equals("ipc") ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
