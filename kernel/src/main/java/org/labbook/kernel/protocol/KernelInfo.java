package org.labbook.kernel.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The kernel_info_reply content: who this kernel is and which language it speaks. */
public final class KernelInfo {
    public static final String IMPLEMENTATION = "labbook";

    private KernelInfo() {
    }

    /** The kernel's version from the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String v = KernelInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static ObjectNode content() {
        ObjectNode content = Json.object();
        content.put("status", "ok");
        content.put("protocol_version", MessageFactory.PROTOCOL_VERSION);
        content.put("implementation", IMPLEMENTATION);
        content.put("implementation_version", version());
        content.set("language_info", languageInfo());
        content.put("banner", "Labbook " + version() + " - Java " + Runtime.version()
                + " (JShell). Every cell is kept in the lab notebook.");
        content.put("debugger", false);
        var links = content.putArray("help_links");
        links.addObject().put("text", "Java " + Runtime.version().feature() + " API")
                .put("url", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/");
        links.addObject().put("text", "JShell guide")
                .put("url", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature()
                        + "/jshell/introduction-jshell.html");
        return content;
    }

    static ObjectNode languageInfo() {
        ObjectNode info = Json.object();
        info.put("name", "java");
        info.put("version", Runtime.version().toString());
        info.put("mimetype", "text/x-java-source");
        info.put("file_extension", ".java");
        info.put("pygments_lexer", "java");
        info.put("codemirror_mode", "text/x-java");
        return info;
    }
}
