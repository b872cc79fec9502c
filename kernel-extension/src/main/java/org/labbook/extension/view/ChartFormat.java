package org.labbook.extension.view;

/** The MIME types a chart is shown with. */
public enum ChartFormat {
    /** image/png: every front end shows it, and it is what nbconvert and saved notebooks keep. */
    PNG("image/png"),
    /** image/svg+xml: sharp at any zoom, but it grows with the number of points drawn. */
    SVG("image/svg+xml"),
    /** application/vnd.vegalite.v5+json: JupyterLab draws it interactively (hover shows run, step, value). */
    VEGA_LITE("application/vnd.vegalite.v5+json");

    private final String mimeType;

    ChartFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    public String mimeType() {
        return mimeType;
    }
}
