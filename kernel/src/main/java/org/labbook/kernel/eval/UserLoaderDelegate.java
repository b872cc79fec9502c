package org.labbook.kernel.eval;

import java.io.File;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** Hands JShell's compiled snippets to a {@link UserClassLoader} we own, so the kernel can reach that loader. */
final class UserLoaderDelegate implements LoaderDelegate {
    private final UserClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();
    private final List<String> recentlyLoaded = new ArrayList<>();

    UserLoaderDelegate(UserClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
        boolean[] installed = new boolean[classes.length];
        try {
            for (int i = 0; i < classes.length; i++) {
                Class<?> type = loader.loadClass(classes[i].name());
                // Linking now surfaces verification errors here rather than in the middle of the cell.
                type.getDeclaredMethods();
                loaded.put(classes[i].name(), type);
                synchronized (recentlyLoaded) {
                    recentlyLoaded.add(classes[i].name());
                }
                installed[i] = true;
            }
        } catch (Throwable e) {
            throw new ClassInstallException("load: " + e.getMessage(), installed);
        }
    }

    /** The wrapper classes loaded since the last call: those of the snippet just evaluated. */
    List<String> drainLoaded() {
        synchronized (recentlyLoaded) {
            List<String> names = List.copyOf(recentlyLoaded);
            recentlyLoaded.clear();
            return names;
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        // Only reached after a successful redefine, which this engine never reports: keep the bytes current anyway.
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String element : path.split(File.pathSeparator)) {
                if (!element.isBlank() && !loader.isVisibleThroughParent(element)) {
                    loader.addURL(Path.of(element).toUri().toURL());
                }
            }
        } catch (MalformedURLException e) {
            throw new InternalException("bad classpath element: " + e.getMessage());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = loaded.get(name);
        return type != null ? type : loader.loadClass(name);
    }
}
