package org.labbook.extension.view;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;

/** A finished view: its HTML for front ends that draw HTML, its text for the others. */
public record HtmlView(String html, String text) implements MimeBundleProvider {
    public HtmlView {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public MimeBundle toMimeBundle() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/html", html);
        data.put("text/plain", text);
        return MimeBundle.of(data);
    }

    @Override
    public String toString() {
        return text;
    }
}
