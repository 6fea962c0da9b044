Parse (const char *const *argv, unsigned long n, struct stat st) => (image_tag *request);
//     ^ keyword.modifier
//           ^ type.builtin
//                ^ operator
//                 ^ keyword.modifier
//                       ^ operator
//                        ^ variable.parameter
//                              ^ type.builtin
//                                       ^ type.builtin
//                                            ^ variable.parameter
//                                               ^ keyword.type
//                                                      ^ type
//                                                           ^ variable.parameter
//                                                                   ^ type
//                                                                             ^ operator
//                                                                              ^ variable.parameter
