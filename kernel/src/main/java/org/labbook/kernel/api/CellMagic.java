package org.labbook.kernel.api;

/** A {@code %%name args} magic that receives the rest of the cell as {@link MagicCall#body()}. */
@FunctionalInterface
public interface CellMagic {
    /** Same contract as {@link LineMagic#run}. */
    Object run(MagicCall call) throws Exception;
}
