package org.labbook.kernel.api;

/** What an extension may register while {@link KernelExtension#register} runs. */
public interface ExtensionContext {

    /** A line magic: {@code %name args}. Names are case-sensitive and must not clash with another's. */
    void lineMagic(String name, LineMagic magic);

    /** A cell magic: {@code %%name args} on the first line, the rest of the cell as its body. */
    void cellMagic(String name, CellMagic magic);

    /**
     * How values of {@code type} (and its subtypes) are shown. The most specific registered type wins;
     * later registrations for the same type replace earlier ones.
     */
    <T> void renderer(Class<T> type, Renderer<? super T> renderer);

    /** Java source evaluated in the user's JShell before the first cell, e.g. {@code import static a.B.*;}. */
    void startupSnippet(String javaSource);

    /** The running kernel session, for use in callbacks and magics later. */
    KernelSession session();
}
