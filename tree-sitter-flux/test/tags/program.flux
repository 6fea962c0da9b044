/** Accepts a connection. */
Listen () => (int socket);
// <- definition.function

Image = Listen -> Write;
// <- definition.function
//      ^ reference.call
//                ^ reference.call

typedef hit TestInCache;
//      ^ definition.type
//          ^ reference.call

Handler:[hit] = ;
//       ^ reference.type

source Listen => Image;
//     ^ reference.call
//               ^ reference.call

handle error Image => Oops;
//           ^ reference.call
//                    ^ reference.call

atomic Image:{cache};
//     ^ reference.call
