package org.labbook.kernel.eval;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a snippet class so that every method calls {@link StopSignal#check()} when it starts, before every
 * jump back to code it already ran, and after every call it makes: each turn of a loop and each level of a
 * recursion passes a check, and a cell stops as soon as a library call it made returns instead of running on
 * to the end of its straight-line code. JShell's own local engine checks at the first two places since Java 20
 * took {@code Thread.stop} away; the kernel does it with ASM so that it works the same on every Java it supports.
 *
 * <p>The inserted call takes nothing from the operand stack and leaves nothing on it, and no jump lands on it
 * that did not land on the instruction after it before, so the class's stack sizes and stack map frames stay
 * valid as they are: nothing has to be recomputed, which keeps loading a cell cheap.
 */
final class StopPoints {
    private static final String OWNER = Type.getInternalName(StopSignal.class);

    private StopPoints() {
    }

    /**
     * The class with stop checks added.
     *
     * @throws IllegalArgumentException when the class file is of a Java newer than ASM knows
     */
    static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // Given the reader, the writer starts from the original constant pool instead of rebuilding it.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                return method == null ? null : new Checks(method);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the checks into one method body. */
    private static final class Checks extends MethodVisitor {
        // Labels already passed: a jump to one of them goes backwards.
        private final Set<Label> behind = new HashSet<>();

        Checks(MethodVisitor method) {
            super(Opcodes.ASM9, method);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            behind.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label target) {
            if (behind.contains(target)) {
                check();
            }
            super.visitJumpInsn(opcode, target);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label fallback, Label... targets) {
            if (anyBehind(fallback, targets)) {
                check();
            }
            super.visitTableSwitchInsn(min, max, fallback, targets);
        }

        @Override
        public void visitLookupSwitchInsn(Label fallback, int[] keys, Label[] targets) {
            if (anyBehind(fallback, targets)) {
                check();
            }
            super.visitLookupSwitchInsn(fallback, keys, targets);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            check();
        }

        private boolean anyBehind(Label fallback, Label[] targets) {
            if (behind.contains(fallback)) {
                return true;
            }
            for (Label target : targets) {
                if (behind.contains(target)) {
                    return true;
                }
            }
            return false;
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
        }
    }
}
