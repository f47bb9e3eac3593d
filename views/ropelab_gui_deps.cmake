# Qt 6 and VTK for every GUI target (views, app/gui, tests/gui). Included from each of those
# directories because imported targets are only visible in the directory that found them.
# Only non-Qt VTK modules: Debian's GUISupportQt/RenderingQt are built against Qt 5.
find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets OpenGL OpenGLWidgets Charts Svg Concurrent)
find_package(VTK 9.1 REQUIRED COMPONENTS
  CommonCore CommonDataModel CommonColor CommonTransforms FiltersCore FiltersSources
  RenderingCore RenderingOpenGL2 RenderingUI InteractionStyle RenderingAnnotation
  RenderingFreeType)
set(CMAKE_AUTOMOC ON)
set(CMAKE_AUTORCC ON)

# Registers VTK's object factories (OpenGL2 render window, FreeType text...) in an executable:
# without it some factories return null.
function(ropelab_vtk_autoinit target)
  vtk_module_autoinit(TARGETS ${target} MODULES ${VTK_LIBRARIES})
endfunction()
