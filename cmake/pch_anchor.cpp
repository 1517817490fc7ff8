// Anchor translation unit of the precompiled-header targets (cmake/IrverifyLayers.cmake); it defines nothing.
