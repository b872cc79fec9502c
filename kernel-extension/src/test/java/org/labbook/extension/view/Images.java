package org.labbook.extension.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks on drawn images: that they decode, have the promised size, and show something. */
final class Images {
    private Images() {
    }

    static BufferedImage decodePng(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("PNG decodes").isNotNull();
        return image;
    }

    static BufferedImage decodeBase64Png(Object base64) throws IOException {
        return decodePng(Base64.getDecoder().decode((String) base64));
    }

    /** Variance of the grey level over all pixels: 0 for a blank image, large for lines and text. */
    static double greyVariance(BufferedImage image) {
        double sum = 0;
        double sumSquares = 0;
        long n = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3.0;
                sum += grey;
                sumSquares += grey * grey;
            }
        }
        double mean = sum / n;
        return sumSquares / n - mean * mean;
    }

    /** Pixels whose colour is close to {@code rgb}: finds a curve of a known colour. */
    static long pixelsNear(BufferedImage image, int rgb, int tolerance) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) <= tolerance
                        && Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff)) <= tolerance
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The SVG writer may reference the SVG DTD; never fetch it from the network in a test.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
    }
}
