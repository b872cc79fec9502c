package org.labbook.kernel.eval.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.labbook.kernel.api.MimeBundle;

/** Images as image/png. */
final class ImageRenderer {
    private ImageRenderer() {
    }

    static MimeBundle render(RenderedImage image) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("image/png", png(image));
        data.put("text/plain", image.getClass().getSimpleName() + " " + image.getWidth() + "x" + image.getHeight());
        return MimeBundle.of(data);
    }

    static String png(RenderedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer for this image");
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
