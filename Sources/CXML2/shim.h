/* libxml2 built with ICU includes <unicode/ucnv.h> from encoding.h; Foundation carries its
 * own, newer ICU, and a Swift module that imports both fails to build. scrollbuild never
 * touches libxml2's converter handlers (the only structs that hold ICU types), so the
 * ICU part of the headers is left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
