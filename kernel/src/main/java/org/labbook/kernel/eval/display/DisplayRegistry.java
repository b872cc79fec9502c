package org.labbook.kernel.eval.display;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;
import org.labbook.kernel.api.Renderer;

/**
 * Turns values into MIME bundles: the renderer of the most specific registered type wins; then an object that
 * knows how to show itself ({@link MimeBundleProvider}, or a public {@code Map<String, ?> toMimeBundle()});
 * then plain text. A renderer that fails falls back to plain text rather than failing the cell.
 */
public final class DisplayRegistry {
    private final List<Registration> registrations = new ArrayList<>();

    private record Registration(Class<?> type, Renderer<Object> renderer) {
    }

    /** A registry with the built-in renderers: images, XChart charts and Tablesaw tables. */
    public static DisplayRegistry withBuiltIns() {
        DisplayRegistry registry = new DisplayRegistry();
        registry.registerBuiltIns();
        return registry;
    }

    /** Images, XChart charts and Tablesaw tables; registered before any extension's renderers. */
    public void registerBuiltIns() {
        register(java.awt.image.RenderedImage.class, ImageRenderer::render);
        register(org.knowm.xchart.internal.chartpart.Chart.class, ChartRenderer::render);
        register(tech.tablesaw.api.Table.class, TableRenderer::render);
    }

    /** Later registrations for the same type replace earlier ones. */
    @SuppressWarnings("unchecked")
    public synchronized <T> void register(Class<T> type, Renderer<? super T> renderer) {
        registrations.removeIf(r -> r.type() == type);
        registrations.add(new Registration(type, (Renderer<Object>) renderer));
    }

    /** Renders {@code value}; with {@code mimeTypes}, keeps only those types (text/plain if none of them came out). */
    public MimeBundle render(Object value, String... mimeTypes) {
        MimeBundle full;
        try {
            full = renderAll(value);
        } catch (Exception e) {
            full = MimeBundle.text(PlainText.of(value) + "\n(rendering failed: " + e + ")");
        }
        if (mimeTypes == null || mimeTypes.length == 0) {
            return full;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String type : mimeTypes) {
            if (full.data().containsKey(type)) {
                kept.put(type, full.data().get(type));
            }
        }
        if (kept.isEmpty()) {
            return MimeBundle.text(PlainText.of(value));
        }
        return new MimeBundle(kept, full.metadata());
    }

    private MimeBundle renderAll(Object value) throws Exception {
        if (value instanceof MimeBundle bundle) {
            return bundle;
        }
        if (value == null) {
            return MimeBundle.text("null");
        }
        // A registered renderer is someone's deliberate choice for that type, so it beats the object's own
        // bundle: that is how an extension upgrades plain-text results of another module to rich views.
        Renderer<Object> renderer = mostSpecific(value.getClass());
        if (renderer != null) {
            return renderer.render(value);
        }
        if (value instanceof MimeBundleProvider provider) {
            return provider.toMimeBundle();
        }
        MimeBundle ducked = duckTyped(value);
        if (ducked != null) {
            return ducked;
        }
        return MimeBundle.text(PlainText.of(value));
    }

    private synchronized Renderer<Object> mostSpecific(Class<?> valueType) {
        Registration best = null;
        for (Registration r : registrations) {
            if (!r.type().isAssignableFrom(valueType)) {
                continue;
            }
            // Among matching types the one that is a subtype of the current best is more specific;
            // between unrelated types the later registration wins.
            if (best == null || best.type().isAssignableFrom(r.type()) || !r.type().isAssignableFrom(best.type())) {
                best = r;
            }
        }
        return best == null ? null : best.renderer();
    }

    private static MimeBundle duckTyped(Object value) throws Exception {
        Method method;
        try {
            method = value.getClass().getMethod("toMimeBundle");
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (!Map.class.isAssignableFrom(method.getReturnType()) || Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        method.setAccessible(true);
        Map<?, ?> raw = (Map<?, ?>) method.invoke(value);
        if (raw == null) {
            return null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        raw.forEach((k, v) -> data.put(String.valueOf(k), v));
        if (!data.containsKey("text/plain")) {
            data.put("text/plain", PlainText.of(value));
        }
        return MimeBundle.of(data);
    }
}
