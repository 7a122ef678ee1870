// Boost.JSON compiled here, header-only, with our flags (-Os, -ffunction-sections): the
// release binary then keeps only the serializer precheck uses, not the whole prebuilt
// libboost_json.a (a third of a megabyte of the 3 MiB budget, parser included).
#include <boost/json/src.hpp>
